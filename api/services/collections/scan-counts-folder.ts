import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { CountsFolder } from '../../domain/collections/counts-tree.ts';
import type { ImportProblem, ImportWarning } from '../../domain/collections/import-warning.ts';
import { countsFileSchema, STAGES, toStageCounts } from '../../domain/collections/stage-counts.ts';
import { parseTreeJson } from './parse-tree-file.ts';
import type { TreeTextReader } from './tree-file-reader.ts';

/** A file to read later, a few at a time (see readCollectionTree). */
export type PendingFile = { file: string; read: () => Promise<void> };

type Sink = { text: TreeTextReader; problems: ImportProblem[]; warnings: ImportWarning[]; pending: PendingFile[] };

/**
 * Builds the folder tree under a dataset's `counts/`, queueing its `source.json` and `release.json`
 * for reading. Other files (`sample.json`, `wds+register.json`, ...) are the pipeline's and are not read.
 */
export async function scanCountsFolder(root: string, path: string, dataset: string, sink: Sink): Promise<CountsFolder> {
  const folder: CountsFolder = { path, name: basename(path), stages: {}, tokenizers: {}, children: [] };
  const entries = (await readdir(join(root, path), { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.isDirectory()) folder.children.push(await scanCountsFolder(root, `${path}/${entry.name}`, dataset, sink));
    const stage = STAGES.find((candidate) => entry.name === `${candidate}.json`);
    if (!stage || !entry.isFile()) continue;
    const file = `${path}/${entry.name}`;
    sink.pending.push({
      file,
      read: async () => {
        const content = await sink.text(file, dataset);
        if (content === null) return;
        const parsed = parseTreeJson(file, content, countsFileSchema, dataset);
        if (!parsed.ok) return void sink.problems.push(...parsed.problems);
        sink.warnings.push(...parsed.warnings);
        folder.stages[stage] = toStageCounts(parsed.value);
        if (parsed.value.tokenizer) folder.tokenizers![stage] = parsed.value.tokenizer;
      },
    });
  }
  return folder;
}
