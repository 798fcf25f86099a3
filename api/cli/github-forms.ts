import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { renderIssueForms } from '../../bots/github/issue-forms/render-issue-forms.ts';
import { EXIT, type CliCommand, type CliContext } from './command.ts';

const USAGE = 'github forms [--check] [--out DIR] [--public-url URL]';
const DEFAULT_OUT = '.github/ISSUE_TEMPLATE';

/**
 * `agora github forms`: writes the GitHub issue forms generated from the request schemas into
 * `.github/ISSUE_TEMPLATE/` (or DIR). `--check` writes nothing and exits 1 naming every file that
 * is missing or differs, for CI. The forms link to PUBLIC_URL unless `--public-url` says otherwise;
 * the committed forms use the default, http://localhost:8787.
 */
export const githubFormsCommand: CliCommand = {
  name: ['github', 'forms'],
  usage: USAGE,
  summary: 'write the GitHub issue forms generated from the request schemas (--check: exit 1 if they are stale)',
  async run(cli) {
    const { values, positionals } = parseArgs({
      args: cli.args,
      allowPositionals: true,
      options: { check: { type: 'boolean', default: false }, out: { type: 'string' }, 'public-url': { type: 'string' } },
    });
    if (positionals.length > 0) {
      cli.err(`Unexpected argument: ${positionals.join(' ')}\nUsage: npm run agora -- ${USAGE}`);
      return EXIT.usage;
    }
    const publicUrl = values['public-url'] ?? cli.config.PUBLIC_URL;
    if (!URL.canParse(publicUrl)) {
      cli.err(`--public-url: expected an absolute URL such as https://agora.example.eu, got "${publicUrl}".`);
      return EXIT.usage;
    }
    const outDir = resolve(values.out ?? DEFAULT_OUT);
    const files = renderIssueForms({ publicUrl });
    return values.check ? checkForms(cli, outDir, files) : writeForms(cli, outDir, files);
  },
};

async function checkForms(cli: CliContext, outDir: string, files: Record<string, string>): Promise<number> {
  const stale: string[] = [];
  for (const [name, text] of Object.entries(files)) if ((await readOrNull(join(outDir, name))) !== text) stale.push(name);
  const others = (await listYaml(outDir)).filter((name) => !(name in files));
  for (const name of others) cli.out(`Note: ${join(outDir, name)} is not generated here; left alone.`);
  if (stale.length === 0) {
    cli.out(`The ${Object.keys(files).length} issue form files in ${outDir} are up to date.`);
    return EXIT.ok;
  }
  cli.err(`Stale issue form files in ${outDir} (missing or different from what the schemas give):`);
  for (const name of stale) cli.err(`  ${name}`);
  cli.err('Run `npm run agora -- github forms` and commit the result.');
  return EXIT.failed;
}

async function writeForms(cli: CliContext, outDir: string, files: Record<string, string>): Promise<number> {
  await mkdir(outDir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    const path = join(outDir, name);
    const unchanged = (await readOrNull(path)) === text;
    if (!unchanged) await writeFile(path, text);
    cli.out(`${unchanged ? 'unchanged' : 'wrote    '} ${path}`);
  }
  return EXIT.ok;
}

async function readOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function listYaml(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
