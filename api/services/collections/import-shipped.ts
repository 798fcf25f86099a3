import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { tables } from '../../../db/index.ts';
import type { Logger } from '../../logger.ts';
import { formatProblem, type ContentProblem } from '../content/content-problems.ts';
import { systemActor, type ServiceContext } from '../context.ts';
import { isAppError } from '../errors.ts';
import { importCollection, type ImportSummary } from './import-collection.ts';

/**
 * Start-up: imports every cycle folder under `<contentDir>/collections/` when the database holds no
 * collection yet, so a new hub shows real data. Once any collection exists this does nothing:
 * later changes are imported deliberately with `agora import collection`. A broken cycle is logged
 * and skipped; it must not keep the hub from starting.
 */
export async function importShippedCollections(services: ServiceContext, logger: Logger, contentDir = 'content'): Promise<ImportSummary[]> {
  const [existing] = await services.database.db.select({ id: tables.collections.id }).from(tables.collections).limit(1);
  if (existing) return [];
  const root = join(contentDir, 'collections');
  const entries = await readdir(root, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const summaries: ImportSummary[] = [];
  for (const entry of entries.filter((entry) => entry.isDirectory() && !entry.name.startsWith('.')).sort((a, b) => a.name.localeCompare(b.name))) {
    const dir = join(root, entry.name);
    try {
      const summary = await importCollection(services, { actor: systemActor('import'), input: { dir } });
      logger.info('collection imported', {
        cycle: summary.cycle,
        datasets: summary.datasets.created,
        parts: summary.parts.created,
        ledgerEntries: summary.ledgerEntries,
        warnings: summary.warnings.map((warning) => warning.message),
        notes: summary.notes.map((note) => note.message),
      });
      summaries.push(summary);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'invalid') throw error;
      const problems = (error.details as { problems?: ContentProblem[] } | undefined)?.problems ?? [];
      logger.error('collection not imported: it is invalid', { dir, problems: problems.map(formatProblem) });
    }
  }
  return summaries;
}
