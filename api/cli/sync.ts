import { parseArgs } from 'node:util';
import { formatProblem, type ContentProblem } from '../services/content/content-problems.ts';
import { readContent } from '../services/content/read-content.ts';
import { syncContent, type EntityChanges } from '../services/content/sync-content.ts';
import { systemActor } from '../services/context.ts';
import { isAppError } from '../services/errors.ts';
import { EXIT, type CliCommand } from './command.ts';

const describe = (name: string, changes: EntityChanges) =>
  `  ${name.padEnd(14)} ${changes.created} created, ${changes.updated} updated, ${changes.archived} archived, ${changes.unchanged} unchanged`;

export const syncCommand: CliCommand = {
  name: ['sync'],
  usage: 'sync [--dir CONTENT_DIR] [--check]',
  summary: 'validate content/ and bring the database in line with it (--check: validate only)',
  async run(cli) {
    const { values } = parseArgs({
      args: cli.args,
      options: { dir: { type: 'string' }, check: { type: 'boolean', default: false } },
    });
    const contentDir = values.dir ?? cli.config.CONTENT_DIR;
    try {
      if (values.check) {
        const { files } = await readContent(contentDir);
        cli.out(`${contentDir}: ${files.length} files valid.`);
        return EXIT.ok;
      }
      const summary = await syncContent(await cli.services(), { actor: systemActor('sync'), input: { contentDir } });
      cli.out(summary.ledgerEntries === 0 ? `${contentDir}: already in sync, nothing changed.` : `${contentDir}: synced.`);
      cli.out(describe('organisations', summary.organizations));
      cli.out(describe('members', summary.members));
      cli.out(describe('languages', summary.languages));
      cli.out(describe('policies', summary.policies));
      cli.out(describe('dataset cards', summary.datasetCards));
      cli.out(describe('model cards', summary.modelCards));
      cli.out(`  country classes ${summary.countryClassesChanged ? 'updated' : 'unchanged'}`);
      cli.out(`  ledger entries written: ${summary.ledgerEntries}`);
      return EXIT.ok;
    } catch (error) {
      if (!isAppError(error) || error.code !== 'invalid') throw error;
      const problems = (error.details as { problems?: ContentProblem[] } | undefined)?.problems ?? [];
      cli.err(values.check ? `Check failed: ${error.message}.` : `Sync refused: ${error.message}. Nothing was changed.`);
      for (const problem of problems) cli.err(`  ${formatProblem(problem)}`);
      return EXIT.failed;
    }
  },
};
