import { CYCLE_FILES } from '../domain/collections/cycle-entries.ts';
import type { ImportNote, ImportWarning } from '../domain/collections/import-warning.ts';
import type { CollectionProblem, ImportSummary } from '../services/collections/import-collection.ts';
import type { ChangeCounts } from '../services/collections/write-collection.ts';
import { formatProblem } from '../services/content/content-problems.ts';

/**
 * The text `agora import collection` prints. Problems and warnings are grouped by dataset, the
 * cycle's own first: a data team reads a report of a hundred lines by dataset, not by file.
 */

const CYCLE = '(the cycle)';
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
const describe = (name: string, changes: ChangeCounts) =>
  `  ${name.padEnd(10)} ${changes.created} created, ${changes.updated} updated, ${changes.removed} removed, ${changes.unchanged} unchanged`;

/** The dataset a warning is about, from its path; null for the cycle's own files. */
function datasetOf(path: string): string | null {
  const first = path.split('/')[0]!;
  return (CYCLE_FILES as readonly string[]).includes(first) ? null : first;
}

/** `  dataset:` then its lines indented under it; the cycle's group first, then datasets by id. */
function grouped<T>(items: readonly T[], groupOf: (item: T) => string | null, line: (item: T) => string): string[] {
  const groups = Map.groupBy(items, (item) => groupOf(item) ?? CYCLE);
  const names = [...groups.keys()].sort((a, b) => (a === CYCLE ? -1 : b === CYCLE ? 1 : a.localeCompare(b)));
  return names.flatMap((name) => [`  ${name}:`, ...groups.get(name)!.map((item) => `    ${line(item)}`)]);
}

/** What is printed (to stderr) when the import is refused. */
export function refusalLines(message: string, problems: readonly CollectionProblem[]): string[] {
  const ofCycle = problems.filter((problem) => !problem.dataset);
  const ofDatasets = problems.filter((problem) => problem.dataset);
  const datasets = new Set(ofDatasets.map((problem) => problem.dataset));
  return [
    `Import refused: ${message}. Nothing was changed.`,
    ...(ofCycle.length ? ["Errors in the cycle's own files (--skip-invalid cannot leave these out):", ...ofCycle.map((problem) => `  ${formatProblem(problem)}`)] : []),
    ...(datasets.size ? [`Errors in ${plural(datasets.size, 'dataset')}:`, ...grouped(ofDatasets, (problem) => problem.dataset, formatProblem)] : []),
    ...(datasets.size && !ofCycle.length ? ['Run again with --skip-invalid to import the other datasets and leave these out.'] : []),
  ];
}

/** What is printed (to stdout) after an import. */
export function summaryLines(summary: ImportSummary, seconds: number): string[] {
  const verdict = summary.ledgerEntries === 0 ? 'already up to date, nothing changed' : `imported (collection ${summary.collection})`;
  const lines = [
    `${summary.cycle}: ${verdict}; ${summary.filesRead} files read in ${seconds.toFixed(2)} s.`,
    describe('datasets', summary.datasets),
    describe('parts', summary.parts),
    `  ledger entries written: ${summary.ledgerEntries}`,
  ];
  if (summary.skipped.length > 0)
    lines.push(
      `Skipped (${plural(summary.skipped.length, 'dataset')}, --skip-invalid):`,
      ...grouped(summary.skipped.flatMap((skipped) => skipped.problems), (problem) => problem.dataset, formatProblem),
    );
  if (summary.warnings.length > 0)
    lines.push(`Warnings (${summary.warnings.length}):`, ...grouped<ImportWarning>(summary.warnings, (warning) => datasetOf(warning.path), (warning) => warning.message));
  if (summary.notes.length > 0) lines.push(`Notes (${summary.notes.length}):`, ...summary.notes.map((note: ImportNote) => `  ${note.message}`));
  return lines;
}
