import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { modelCardFrontMatterSchema, type ModelCardFrontMatter } from '../../domain/model-cards/card-schema.ts';
import { problemAt, type ContentProblem, type ContentSource } from './content-problems.ts';
import { parseContentYaml } from './parse-content-yaml.ts';

/** Where model cards live, relative to CONTENT_DIR: `<family>/<version>.md`. */
export const MODEL_CARDS_DIR = 'models';

export type ModelCard = { path: string; revision: string; frontMatter: ModelCardFrontMatter; body: string };

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Reads every `models/<family>/<version>.md`: YAML front matter validated by the card schema, the
 * rest as the card's prose. The folder must be the family id and the file name the version, so the
 * path says which card it is. Problems name the file, line and field; `sources` holds each card's
 * front matter whenever it is readable YAML, for the checks across files.
 */
export async function readModelCards(
  contentDir: string,
): Promise<{ cards: ModelCard[]; problems: ContentProblem[]; sources: ContentSource[] }> {
  const root = join(contentDir, MODEL_CARDS_DIR);
  const families = await readdir(root, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const cards: ModelCard[] = [];
  const problems: ContentProblem[] = [];
  const sources: ContentSource[] = [];
  for (const family of families.filter((entry) => entry.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const names = (await readdir(join(root, family.name))).filter((name) => name.endsWith('.md')).sort();
    for (const name of names) {
      const file = join(root, family.name, name);
      const text = await readFile(file, 'utf8');
      const match = FRONT_MATTER.exec(text);
      if (!match) {
        problems.push({ file, line: 1, message: 'expected YAML front matter between two "---" lines at the top of the file' });
        continue;
      }
      // The front matter starts on line 2, below the opening "---".
      const parsed = parseContentYaml(file, match[1]!, modelCardFrontMatterSchema, { firstLine: 2 });
      if (parsed.source) sources.push(parsed.source);
      if (!parsed.ok) {
        problems.push(...parsed.problems);
        continue;
      }
      const identity = identityProblems(parsed.source, parsed.value, { family: family.name, version: name.slice(0, -'.md'.length) }, cards);
      if (identity.length > 0) problems.push(...identity);
      else
        cards.push({
          path: `${MODEL_CARDS_DIR}/${family.name}/${name}`,
          revision: createHash('sha256').update(text).digest('hex'),
          frontMatter: parsed.value,
          body: text.slice(match[0].length).trim(),
        });
    }
  }
  return { cards, problems, sources };
}

/** Every way a card disagrees with its path or with a card read before it. */
function identityProblems(
  source: ContentSource,
  frontMatter: ModelCardFrontMatter,
  path: { family: string; version: string },
  earlier: readonly ModelCard[],
): ContentProblem[] {
  return [
    frontMatter.family.id !== path.family && problemAt(source, ['family', 'id'], `expected "${path.family}", the name of the card's folder`),
    frontMatter.version !== path.version && problemAt(source, ['version'], `expected "${path.version}", the card's file name`),
    earlier.some((card) => card.frontMatter.model === frontMatter.model) &&
      problemAt(source, ['model'], `another card already describes "${frontMatter.model}"`),
  ].filter((problem) => problem !== false);
}
