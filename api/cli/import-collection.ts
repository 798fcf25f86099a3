import { parseArgs } from 'node:util';
import { importCollection, type CollectionProblem } from '../services/collections/import-collection.ts';
import { systemActor } from '../services/context.ts';
import { isAppError } from '../services/errors.ts';
import { EXIT, type CliCommand } from './command.ts';
import { refusalLines, summaryLines } from './import-report.ts';
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
      for (const line of summaryLines(summary, (performance.now() - started) / 1000)) cli.out(line);
      return EXIT.ok;
    } catch (error) {
      bar.finish();
      if (!isAppError(error) || error.code !== 'invalid') throw error;
      const problems = (error.details as { problems?: CollectionProblem[] } | undefined)?.problems ?? [];
      for (const line of refusalLines(error.message, problems)) cli.err(line);
      return EXIT.failed;
    }
  },
};
