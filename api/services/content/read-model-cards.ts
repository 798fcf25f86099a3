import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { modelCardFrontMatterSchema, type ModelCardFrontMatter } from '../../domain/model-cards/card-schema.ts';
import type { ContentProblem } from './content-problems.ts';
import { parseContentYaml } from './parse-content-yaml.ts';

/** Where model cards live, relative to CONTENT_DIR: `<family>/<version>.md`. */
export const MODEL_CARDS_DIR = 'models';

export type ModelCard = { path: string; revision: string; frontMatter: ModelCardFrontMatter; body: string };

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Reads every `models/<family>/<version>.md`: YAML front matter validated by the card schema, the
 * rest as the card's prose. The folder must be the family id and the file name the version, so the
 * path says which card it is. Problems name the file, line and field.
 */
export async function readModelCards(contentDir: string): Promise<{ cards: ModelCard[]; problems: ContentProblem[] }> {
  const root = join(contentDir, MODEL_CARDS_DIR);
  const families = await readdir(root, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const cards: ModelCard[] = [];
  const problems: ContentProblem[] = [];
  for (const family of families.filter((entry) => entry.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const names = (await readdir(join(root, family.name))).filter((name) => name.endsWith('.md')).sort();
    for (const name of names) {
      const file = join(root, family.name, name);
      const path = `${MODEL_CARDS_DIR}/${family.name}/${name}`;
      const text = await readFile(file, 'utf8');
      const match = FRONT_MATTER.exec(text);
      if (!match) {
        problems.push({ file, line: 1, message: 'expected YAML front matter between two "---" lines at the top of the file' });
        continue;
      }
      const parsed = parseContentYaml(file, match[1]!, modelCardFrontMatterSchema);
      if (!parsed.ok) {
        // Lines are counted from the YAML; the file has the opening "---" above it.
        problems.push(...parsed.problems.map((problem) => (problem.line ? { ...problem, line: problem.line + 1 } : problem)));
        continue;
      }
      const frontMatter = parsed.value;
      const version = name.slice(0, -'.md'.length);
      if (frontMatter.family.id !== family.name)
        problems.push({ file, field: 'family.id', message: `expected "${family.name}", the name of the card's folder` });
      else if (frontMatter.version !== version)
        problems.push({ file, field: 'version', message: `expected "${version}", the card's file name` });
      else if (cards.some((card) => card.frontMatter.model === frontMatter.model))
        problems.push({ file, field: 'model', message: `another card already describes "${frontMatter.model}"` });
      else
        cards.push({
          path,
          revision: createHash('sha256').update(text).digest('hex'),
          frontMatter,
          body: text.slice(match[0].length).trim(),
        });
    }
  }
  return { cards, problems };
}
