import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../../api/app.ts';
import { syncContent } from '../../api/services/content/sync-content.ts';
import { systemActor, type ServiceContext } from '../../api/services/context.ts';
import { createToken } from '../../api/services/tokens.ts';
import { createTestClock } from './clock.ts';
import { copyContent } from './content.ts';
import { createTestDatabase } from './database.ts';

export type Person = { id: string; organization: string; roles: string[] };

/**
 * A hub whose registry has the given test people (a members.yaml written into a private copy of the
 * content), each with a personal `write` token, and `as(person, path)` to call the API as them.
 */
export async function createPeopleHub(
  people: Person[],
  options: { editContent?: (content: ReturnType<typeof copyContent>) => void; prepare?: (services: ServiceContext) => Promise<void> } = {},
) {
  const content = copyContent();
  const yaml = people.map((person) => `  - id: ${person.id}\n    display_name: ${person.id}\n    organization: ${person.organization}\n    roles: [${person.roles.join(', ')}]\n`).join('');
  writeFileSync(join(content.dir, 'governance/members.yaml'), `members:\n${yaml}`);
  options.editContent?.(content);
  const database = await createTestDatabase();
  const clock = createTestClock('2026-11-25T09:00:00.000Z');
  const services: ServiceContext = { database, clock };
  await syncContent(services, { actor: systemActor('test'), input: { contentDir: content.dir } });
  await options.prepare?.(services);
  const tokens: Record<string, string> = {};
  for (const person of people)
    tokens[person.id] = (await createToken(services, { actor: systemActor('test'), input: { name: person.id, scopes: ['write'], memberId: person.id } })).secret;
  const app = createApp({ services });
  return {
    app,
    services,
    database,
    clock,
    content,
    tokens,
    as: (person: string, path: string, init: { method?: string; body?: unknown } = {}) =>
      app.request(path, {
        method: init.method ?? 'GET',
        headers: { Authorization: `Bearer ${tokens[person]}`, 'Content-Type': 'application/json' },
        ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
      }),
    /** Re-syncs the content folder (after a test edits it). */
    resync: () => syncContent(services, { actor: systemActor('test'), input: { contentDir: content.dir } }),
    close() {
      database.close();
      content.cleanup();
    },
  };
}
