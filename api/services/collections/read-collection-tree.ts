import { readdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { ParsedCycle, ParsedDataset } from '../../domain/collections/assemble-cycle.ts';
import type { CountsFolder } from '../../domain/collections/counts-tree.ts';
import { parseDatamix } from '../../domain/collections/datamix.ts';
import type { ImportProblem, ImportWarning } from '../../domain/collections/import-warning.ts';
import { cycleMetadataSchema, datasetMetadataSchema } from '../../domain/collections/metadata.ts';
import { countsFileSchema, STAGES, toStageCounts } from '../../domain/collections/stage-counts.ts';
import { AppError } from '../errors.ts';
import { parseTreeJson, parseTreeYaml } from './parse-tree-file.ts';

/** How far reading has come, for a progress bar. */
export type ImportProgress = { phase: 'read' | 'write'; done: number; total: number };

export type ReadTree = {
  /** Null when the cycle's own files cannot be read (then `problems` says why). */
  cycle: ParsedCycle | null;
  /** File paths relative to the cycle folder. */
  problems: ImportProblem[];
  warnings: ImportWarning[];
  filesRead: number;
};

type PendingFile = { file: string; read: () => Promise<void> };

/**
 * Reads a cycle folder: `metadata.yaml`, `datamix.txt` and every dataset folder (its
 * `metadata.yaml` and the `source.json` / `release.json` files under `counts/`; other stage files
 * are not read). Every file is validated; problems are collected, never thrown, so one run lists them all.
 */
export async function readCollectionTree(dir: string, onProgress: (progress: ImportProgress) => void = () => {}): Promise<ReadTree> {
  const root = resolve(dir);
  const entries = await readdir(root, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') throw new AppError('invalid', `${dir} is not a collection folder (no such folder).`);
    throw error;
  });
  const problems: ImportProblem[] = [];
  const warnings: ImportWarning[] = [];
  const pending: PendingFile[] = [];
  // An unreadable file (permissions, a folder where a file should be) is a problem, not a crash.
  const text = (file: string, dataset: string | null) =>
    readFile(join(root, file), 'utf8').catch((error: NodeJS.ErrnoException) => {
      problems.push({ file, message: `cannot be read (${error.code ?? error.message})`, dataset });
      return null;
    });
  const missing = (file: string, dataset: string | null, what: string) => problems.push({ file, message: `${what} is missing`, dataset });

  const own: { metadata?: ParsedCycle['metadata']; datamix?: ParsedCycle['datamix'] } = {};
  pending.push({
    file: 'metadata.yaml',
    read: async () => {
      const content = await text('metadata.yaml', null);
      if (content === null) return;
      const parsed = parseTreeYaml('metadata.yaml', content, cycleMetadataSchema, null);
      if (!parsed.ok) return void problems.push(...parsed.problems);
      own.metadata = parsed.value;
      warnings.push(...parsed.warnings);
    },
  });
  pending.push({
    file: 'datamix.txt',
    read: async () => {
      const content = await text('datamix.txt', null);
      if (content === null) return;
      const parsed = parseDatamix(content);
      own.datamix = parsed.entries;
      problems.push(...parsed.problems);
    },
  });

  const datasets: ParsedDataset[] = [];
  const unreadable = new Set<string>();
  for (const entry of entries.filter((entry) => entry.isDirectory() && !entry.name.startsWith('.')).sort((a, b) => a.name.localeCompare(b.name))) {
    const id = entry.name;
    const names = new Set(await readdir(join(root, id)));
    if (!names.has('metadata.yaml')) {
      missing(`${id}/metadata.yaml`, id, 'the dataset\'s metadata.yaml');
      unreadable.add(id);
      continue;
    }
    const dataset = { id, metadata: null as ParsedDataset['metadata'] | null, counts: null as CountsFolder | null };
    pending.push({
      file: `${id}/metadata.yaml`,
      read: async () => {
        const content = await text(`${id}/metadata.yaml`, id);
        if (content === null) return;
        const parsed = parseTreeYaml(`${id}/metadata.yaml`, content, datasetMetadataSchema, id);
        if (!parsed.ok) return void problems.push(...parsed.problems);
        dataset.metadata = parsed.value;
        warnings.push(...parsed.warnings);
      },
    });
    if (names.has('counts')) dataset.counts = await scanCountsFolder(root, `${id}/counts`, id, pending, { text, problems });
    datasets.push(dataset as ParsedDataset);
  }

  const rootNames = new Set(entries.map((entry) => entry.name));
  if (!rootNames.has('metadata.yaml')) missing('metadata.yaml', null, 'the cycle\'s metadata.yaml');
  if (!rootNames.has('datamix.txt')) missing('datamix.txt', null, 'datamix.txt');
  // The cycle's own files are read only when present (their absence is already a problem).
  const readable = pending.filter((file) => file.file.includes('/') || rootNames.has(file.file));

  let done = 0;
  onProgress({ phase: 'read', done, total: readable.length });
  // A few files at a time: fast on a laptop, gentle on a network file system.
  for (let i = 0; i < readable.length; i += 16) {
    await Promise.all(readable.slice(i, i + 16).map((file) => file.read()));
    done = Math.min(readable.length, i + 16);
    onProgress({ phase: 'read', done, total: readable.length });
  }

  for (const dataset of datasets) if (!dataset.metadata || problems.some((problem) => problem.dataset === dataset.id)) unreadable.add(dataset.id);
  const { metadata, datamix } = own;
  const cycle: ParsedCycle | null =
    metadata && datamix
      ? { id: basename(root), metadata, datamix, datasets: datasets.filter((dataset) => !unreadable.has(dataset.id)), unreadable }
      : null;
  return { cycle, problems, warnings, filesRead: readable.length };
}

/** Builds the folder tree under `counts/`, queueing its source.json and release.json for reading. */
async function scanCountsFolder(
  root: string,
  path: string,
  dataset: string,
  pending: PendingFile[],
  reader: { text: (file: string, dataset: string) => Promise<string | null>; problems: ImportProblem[] },
): Promise<CountsFolder> {
  const folder: CountsFolder = { path, name: basename(path), stages: {}, tokenizers: {}, children: [] };
  const entries = (await readdir(join(root, path), { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.isDirectory()) folder.children.push(await scanCountsFolder(root, `${path}/${entry.name}`, dataset, pending, reader));
    const stage = STAGES.find((candidate) => entry.name === `${candidate}.json`);
    if (!stage || !entry.isFile()) continue;
    const file = `${path}/${entry.name}`;
    pending.push({
      file,
      read: async () => {
        const content = await reader.text(file, dataset);
        if (content === null) return;
        const parsed = parseTreeJson(file, content, countsFileSchema, dataset);
        if (!parsed.ok) return void reader.problems.push(...parsed.problems);
        folder.stages[stage] = toStageCounts(parsed.value);
        if (parsed.value.tokenizer) folder.tokenizers![stage] = parsed.value.tokenizer;
      },
    });
  }
  return folder;
}
