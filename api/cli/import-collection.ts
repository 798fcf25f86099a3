import { parseArgs } from 'node:util';
import { importCollection, type ImportSummary } from '../services/collections/import-collection.ts';
import type { ChangeCounts } from '../services/collections/write-collection.ts';
import { formatProblem, type ContentProblem } from '../services/content/content-problems.ts';
import { systemActor } from '../services/context.ts';
import { isAppError } from '../services/errors.ts';
import { EXIT, type CliCommand, type CliContext } from './command.ts';
import { createProgressBar, type ProgressOutput } from './progress-bar.ts';

const USAGE = 'import collection DIR [--skip-invalid]';

export const importCollectionCommand: CliCommand = {
  name: ['import', 'collection'],
  usage: USAGE,
  summary: 'import a training-data collection cycle folder (--skip-invalid: leave out bad datasets)',
  async run(cli) {
    const { values, positionals } = parseArgs({
      args: cli.args,
      allowPositionals: true,
      options: { 'skip-invalid': { type: 'boolean', default: false } },
    });
    if (positionals.length !== 1) {
      cli.err(`Expected one cycle folder, e.g. content/collections/baby.\nUsage: npm run agora -- ${USAGE}`);
      return EXIT.usage;
    }
    const dir = positionals[0]!;
    const output: ProgressOutput = process.stderr.isTTY ? { tty: true, write: (raw) => process.stderr.write(raw) } : { tty: false, writeLine: cli.err };
    const bar = createProgressBar(output, 'reading');
    const started = performance.now();
    try {
      const summary = await importCollection(await cli.services(), {
        actor: systemActor('import'),
        input: { dir, skipInvalid: values['skip-invalid'], onProgress: (progress) => progress.phase === 'read' && bar.update(progress.done, progress.total) },
      });
      bar.finish();
      printSummary(cli, summary, (performance.now() - started) / 1000);
      return EXIT.ok;
    } catch (error) {
      bar.finish();
      if (!isAppError(error) || error.code !== 'invalid') throw error;
      const problems = (error.details as { problems?: ContentProblem[] } | undefined)?.problems ?? [];
      cli.err(`Import refused: ${error.message}. Nothing was changed.`);
      for (const problem of problems) cli.err(`  ${formatProblem(problem)}`);
      if (problems.some((problem) => (problem as { dataset?: unknown }).dataset))
        cli.err('Run again with --skip-invalid to import the other datasets and leave these out.');
      return EXIT.failed;
    }
  },
};

const describe = (name: string, changes: ChangeCounts) =>
  `  ${name.padEnd(10)} ${changes.created} created, ${changes.updated} updated, ${changes.removed} removed, ${changes.unchanged} unchanged`;

function printSummary(cli: CliContext, summary: ImportSummary, seconds: number): void {
  const verdict = summary.ledgerEntries === 0 ? 'already up to date, nothing changed' : `imported (collection ${summary.collection})`;
  cli.out(`${summary.cycle}: ${verdict}; ${summary.filesRead} files read in ${seconds.toFixed(2)} s.`);
  cli.out(describe('datasets', summary.datasets));
  cli.out(describe('parts', summary.parts));
  cli.out(`  ledger entries written: ${summary.ledgerEntries}`);
  if (summary.skipped.length > 0) {
    cli.out(`Skipped (${summary.skipped.length} dataset${summary.skipped.length === 1 ? '' : 's'}, --skip-invalid):`);
    for (const skipped of summary.skipped) for (const problem of skipped.problems) cli.out(`  ${formatProblem(problem)}`);
  }
  if (summary.warnings.length > 0) {
    cli.out(`Warnings (${summary.warnings.length}):`);
    for (const warning of summary.warnings) cli.out(`  ${warning.message}`);
  }
}
