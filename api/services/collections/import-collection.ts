import { join } from 'node:path';
import { assembleCycle } from '../../domain/collections/assemble-cycle.ts';
import { DATASET_ID } from '../../domain/collections/dataset-card.ts';
import { cleanText } from '../../domain/collections/clean-text.ts';
import type { ImportNote, ImportProblem, ImportWarning } from '../../domain/collections/import-warning.ts';
import { requireScope } from '../authorization.ts';
import type { Actor, ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { writeWithLedger } from '../ledger.ts';
import { readCollectionTree, type ImportProgress } from './read-collection-tree.ts';
import { writeCycle, type CycleChanges } from './write-collection.ts';

export type ImportCollectionInput = {
  /** A cycle folder such as `content/collections/baby`; its name is the cycle's id. */
  dir: string;
  /** Leave out datasets with problems (each reported) instead of refusing the whole import. */
  skipInvalid?: boolean;
  onProgress?: (progress: ImportProgress) => void;
};

/** A problem as reported to people: `file` is DIR joined to the path inside the tree. */
export type CollectionProblem = ImportProblem;

export type ImportSummary = CycleChanges & {
  cycle: string;
  warnings: ImportWarning[];
  /** Folders and files skipped on purpose (helper folders, files the hub does not read). */
  notes: ImportNote[];
  /** Datasets left out by --skip-invalid, with what is wrong with them. */
  skipped: { dataset: string; problems: CollectionProblem[] }[];
  filesRead: number;
  /** Ledger entries written; 0 when the tree was already in the database. */
  ledgerEntries: number;
};

/**
 * Imports a training-data collection cycle folder. Everything is validated first; any problem
 * refuses the import with every problem listed (`invalid`, `details.problems`) and nothing written,
 * unless `skipInvalid` is set, which leaves out the datasets at fault (problems of the cycle's own
 * files always refuse). Only what would make a figure wrong is a problem (unreadable counts, a
 * datamix line naming nothing); descriptive gaps are warnings, stored with the notes on the
 * collection (in its `warnings` column, told apart by code) so that its pages show them. The write is one transaction with its ledger entries: never half-written.
 * Idempotent: an unchanged tree writes nothing; a changed one records exactly the differences.
 */
export async function importCollection(
  ctx: ServiceContext,
  { actor, input }: { actor: Actor; input: ImportCollectionInput },
): Promise<ImportSummary> {
  requireScope(actor, 'admin');
  const tree = await readCollectionTree(input.dir, input.onProgress);
  const assembled = tree.cycle ? assembleCycle(tree.cycle) : null;
  // A parser's message may quote the odd character it stopped at: problems are printed and answered too.
  const problems = [...tree.problems, ...(assembled?.problems ?? [])].map((problem) => ({
    ...problem,
    file: join(input.dir, problem.file),
    message: cleanText(problem.message).text,
  }));
  const cycleId = tree.cycle?.id ?? '';
  if (tree.cycle && !DATASET_ID.test(cycleId))
    problems.unshift({ file: input.dir, message: `the folder name "${cycleId}" cannot be a cycle id (letters, digits, ".", "_", "+", "-")`, dataset: null });

  const refuses = problems.some((problem) => problem.dataset === null) || (problems.length > 0 && !input.skipInvalid);
  if (!assembled || refuses)
    throw new AppError('invalid', `the collection at ${input.dir} is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'})`, {
      problems,
    });

  const skipped = [...new Set(problems.map((problem) => problem.dataset!))].sort().map((dataset) => ({
    dataset,
    problems: problems.filter((problem) => problem.dataset === dataset),
  }));
  // A skipped dataset is described by its problems; what else was said about it is not stored.
  const isSkipped = (path: string) => skipped.some(({ dataset }) => dataset === path.split('/')[0]);
  const warnings = [
    ...tree.warnings.filter((warning) => !isSkipped(warning.path)),
    ...assembled.collection.warnings,
    ...skipped.map(({ dataset }) => ({
      code: 'skipped_dataset' as const,
      path: dataset,
      message: `${dataset}: skipped as invalid (--skip-invalid); what was stored for it before is left as it was`,
    })),
  ];
  input.onProgress?.({ phase: 'write', done: 0, total: 1 });
  const now = ctx.clock().toISOString();
  let ledgerEntries = 0;
  const changes = await writeWithLedger(ctx, actor, (tx, record) =>
    writeCycle(tx, cycleId, { ...assembled, collection: { ...assembled.collection, warnings: [...warnings, ...tree.notes] } }, new Set(skipped.map((s) => s.dataset)), now, (event) => {
      ledgerEntries += 1;
      record(event);
    }),
  );
  input.onProgress?.({ phase: 'write', done: 1, total: 1 });
  return { cycle: cycleId, ...changes, warnings, notes: tree.notes, skipped, filesRead: tree.filesRead, ledgerEntries };
}
