import { createApp } from '../../api/app.ts';
import { createLogger, type Logger } from '../../api/logger.ts';
import { systemActor, type ServiceContext } from '../../api/services/context.ts';
import { syncContent } from '../../api/services/content/sync-content.ts';
import { createToken } from '../../api/services/tokens.ts';
import type { TokenScope } from '../../api/domain/vocabulary.ts';
import { createTestClock } from './clock.ts';
import { createTestDatabase } from './database.ts';

export const CONTENT_DIR = new URL('../../content', import.meta.url).pathname;

/**
 * A hub on a fresh in-memory database, optionally synced with the shipped content, with
 * `request()` going through the real Hono app (routing, middleware, error mapping).
 */
export async function createTestHub(options: { sync?: boolean; contentDir?: string; logLines?: string[] } = {}) {
  const database = await createTestDatabase();
  const clock = createTestClock();
  const services: ServiceContext = { database, clock };
  const logger: Logger = options.logLines
    ? createLogger({ level: 'debug', write: (line) => options.logLines!.push(line), clock })
    : createLogger({ level: 'silent' });
  if (options.sync !== false)
    await syncContent(services, { actor: systemActor('test'), input: { contentDir: options.contentDir ?? CONTENT_DIR } });
  const app = createApp({ services, logger });

  return {
    app,
    services,
    database,
    clock,
    request: (path: string, init?: RequestInit) => app.request(path, init),
    /** Issues a real token through the service and returns its secret. */
    async tokenWith(...scopes: TokenScope[]) {
      const { secret } = await createToken(services, { actor: systemActor('test'), input: { name: `test ${scopes.join('+')}`, scopes } });
      return secret;
    },
    /** A reporter token granted these runs (a reporter token reaches no other run it did not register). */
    async reporterFor(...runIds: string[]) {
      const { secret } = await createToken(services, { actor: systemActor('test'), input: { name: `reporter of ${runIds.join(', ')}`, scopes: ['reporter'], runIds } });
      return secret;
    },
    close: () => database.close(),
  };
}

export type TestHub = Awaited<ReturnType<typeof createTestHub>>;
