import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const REPO_ROOT = new URL('../..', import.meta.url).pathname;

export function readReadme(): string {
  return readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
}

/** The README's `## TITLE` section, up to the next `## ` heading. */
export function readmeSection(title: string): string {
  const readme = readReadme();
  const start = readme.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README.md has no "## ${title}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** The fenced block between `<!-- NAME:start -->` and `<!-- NAME:end -->`, without its fences. */
export function readmeBlock(name: string): string {
  const block = new RegExp(`<!-- ${name}:start -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\`\\s*<!-- ${name}:end -->`).exec(readReadme());
  if (!block) throw new Error(`README.md has no ${name} block`);
  return block[1]!;
}

/** The first column (in backticks) of the first table in `text` whose header's first cell is `header`. */
export function tableColumn(text: string, header: string): string[] {
  // Tables inside a list item are indented.
  const lines = text.split('\n').map((line) => line.trim());
  const start = lines.findIndex((line) => new RegExp(`^\\|\\s*${header}\\s*\\|`).test(line));
  if (start < 0) throw new Error(`no table headed "${header}"`);
  const rows = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const cell = /^\|\s*`([^`]+)`/.exec(line);
    if (cell) rows.push(cell[1]!);
  }
  return rows;
}

export type CommandExample = { file: string; text: string; argv: string[] };

/**
 * Every `token create` command written in README.md and the handbook (content/docs), in inline code
 * or a shell block, as the CLI's argv (`npm run agora --` dropped, quotes honoured). A usage
 * synopsis (one with `[optional]` parts) is not an example and is left out.
 */
export function tokenCreateExamples(): CommandExample[] {
  const files = ['README.md', ...markdownFiles(join(REPO_ROOT, 'content/docs')).map((path) => relative(REPO_ROOT, path))];
  return files.flatMap((file) =>
    [...readFileSync(join(REPO_ROOT, file), 'utf8').matchAll(/(?:npm run agora -- )?token create\b[^`\n]*/g)]
      .map((match) => match[0].replace(/\s+#.*$/, '').trim())
      .filter((text) => !text.includes('['))
      .map((text) => ({ file, text, argv: shellWords(text.replace(/^npm run agora -- /, '')) })),
  );
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return /\.mdx?$/.test(entry.name) ? [path] : [];
  });
}

/** Splits a command line as a shell would for plain words and '…' / "…" quoted ones. */
function shellWords(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3]!);
}
