import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DATASET_ID, datasetCardSchema, type DatasetCardEntry } from '../../domain/collections/dataset-card.ts';
import type { ContentProblem } from './content-problems.ts';
import { parseContentYaml } from './parse-content-yaml.ts';

/** Where dataset cards live, relative to CONTENT_DIR: one `<dataset-id>.yaml` per dataset. */
export const DATASET_CARDS_DIR = 'datasets';

export type DatasetCard = DatasetCardEntry & { id: string };

/**
 * Reads every `datasets/*.yaml` card (the folder is optional). The file name is the dataset id, so a
 * card cannot name the wrong dataset; problems name the file and field, like every content file.
 */
export async function readDatasetCards(
  contentDir: string,
): Promise<{ cards: DatasetCard[]; files: { path: string; digest: string }[]; problems: ContentProblem[] }> {
  const dir = join(contentDir, DATASET_CARDS_DIR);
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const cards: DatasetCard[] = [];
  const files: { path: string; digest: string }[] = [];
  const problems: ContentProblem[] = [];
  for (const name of names.filter((name) => /\.ya?ml$/.test(name)).sort()) {
    const file = join(dir, name);
    const id = name.replace(/\.ya?ml$/, '');
    if (!DATASET_ID.test(id)) {
      problems.push({ file, message: `the file name must be a dataset id (the dataset's folder name in the collection), got "${id}"` });
      continue;
    }
    if (cards.some((card) => card.id === id)) {
      problems.push({ file, message: `a second card for "${id}" (there is already ${id}.yaml or ${id}.yml)` });
      continue;
    }
    const text = await readFile(file, 'utf8');
    files.push({ path: `${DATASET_CARDS_DIR}/${name}`, digest: createHash('sha256').update(text).digest('hex') });
    const parsed = parseContentYaml(file, text, datasetCardSchema);
    if (parsed.ok) cards.push({ id, ...parsed.value });
    else problems.push(...parsed.problems);
  }
  return { cards, files, problems };
}
