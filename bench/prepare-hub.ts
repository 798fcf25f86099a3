import { migrateDatabase, openDatabase } from '../db/index.ts';
import { syncContent } from '../api/services/content/sync-content.ts';
import { systemActor } from '../api/services/context.ts';
import { registerModel } from '../api/services/models.ts';
import { createRun } from '../api/services/training-runs.ts';
import { createToken } from '../api/services/tokens.ts';

const CONTENT_DIR = new URL('../content', import.meta.url).pathname;

/**
 * A hub database with the shipped registry, a model, a run to report to and one with a history to
 * read, and a reporter token: everything the benchmark needs, written with the real services.
 */
export async function prepareHubDatabase(url: string): Promise<{ reporterToken: string; runId: string; readRunId: string }> {
  const database = await openDatabase({ url });
  await migrateDatabase(database);
  const services = { database, clock: () => new Date() };
  const actor = systemActor('bench');
  await syncContent(services, { actor, input: { contentDir: CONTENT_DIR } });
  for (const version of ['0.1', '0.2', '0.3'])
    await registerModel(services, {
      actor,
      input: {
        id: `bench-8b-v${version.replace('.', '-')}`,
        family: { id: 'bench', name: 'Benchmark family' },
        version,
        name: `Benchmark 8B ${version}`,
        status: 'training',
        parameters: 8_000_000_000,
        architecture: 'decoder-only transformer',
        contextWindow: 8192,
        licence: 'Apache-2.0',
        languages: ['bul', 'ces', 'deu', 'eng', 'mlt'],
      },
    });
  await createRun(services, { actor, input: { id: 'bench-ingest', modelId: 'bench-8b-v0-3', hpcSystem: 'LUMI', tokensTarget: 4e12 } });
  await createRun(services, { actor, input: { id: 'bench-read', modelId: 'bench-8b-v0-2', hpcSystem: 'Leonardo', tokensTarget: 4e12 } });
  const { secret } = await createToken(services, { actor, input: { name: 'benchmark reporter', scopes: ['reporter'], runIds: ['bench-ingest', 'bench-read'] } });
  database.close();
  return { reporterToken: secret, runId: 'bench-ingest', readRunId: 'bench-read' };
}
