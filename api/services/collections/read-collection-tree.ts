import { readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { z } from 'zod';
import type { ParsedCycle, ParsedDataset } from '../../domain/collections/assemble-cycle.ts';
import type { CountsFolder } from '../../domain/collections/counts-tree.ts';
import { CYCLE_FILES, isDatasetFolder, skippedFolderNote, unreadFileNote, type FolderFacts } from '../../domain/collections/cycle-entries.ts';
import { DATASET_ID } from '../../domain/collections/dataset-card.ts';
import { parseDatamix } from '../../domain/collections/datamix.ts';
import { describeCycle } from '../../domain/collections/describe-cycle.ts';
import { describeDataset } from '../../domain/collections/describe-dataset.ts';
import type { ImportNote, ImportProblem, ImportWarning } from '../../domain/collections/import-warning.ts';
import type { MetadataFile } from '../../domain/collections/metadata-fields.ts';
import { AppError } from '../errors.ts';
import { parseTreeYaml } from './parse-tree-file.ts';
import { scanCountsFolder, type PendingFile } from './scan-counts-folder.ts';
import { createTreeFileReader } from './tree-file-reader.ts';

/** How far reading has come, for a progress bar. */
export type ImportProgress = { phase: 'read' | 'write'; done: number; total: number };

export type ReadTree = {
  /** Null when the cycle's own files cannot be read (then `problems` says why). */
  cycle: ParsedCycle | null;
  /** File paths relative to the cycle folder. */
  problems: ImportProblem[];
  warnings: ImportWarning[];
  /** Folders and files skipped on purpose. */
  notes: ImportNote[];
  filesRead: number;
};

/** A metadata.yaml's top level: a mapping whatever its fields (each is checked on its own later). */
const mapping = z.record(z.string(), z.unknown(), { error: 'expected a mapping of fields ("name: ...")' });

type FolderRead = FolderFacts & { metadata: MetadataFile | null; counts: CountsFolder | null };

/**
 * Reads a cycle folder: `metadata.yaml` when there is one, `datamix.txt`, and every folder (its
 * `metadata.yaml` and the `source.json` / `release.json` files under `counts/`). Every file is
 * validated; problems are collected, never thrown, so one run lists them all. Which folders are
 * datasets is decided once the datamix is known (cycle-entries.ts); the others get a note.
 */
export async function readCollectionTree(dir: string, onProgress: (progress: ImportProgress) => void = () => {}): Promise<ReadTree> {
  const root = resolve(dir);
  const entries = await readdir(root, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') throw new AppError('invalid', `${dir} is not a collection folder (no such folder).`);
    throw error;
  });
  const problems: ImportProblem[] = [];
  const warnings: ImportWarning[] = [];
  const notes: ImportNote[] = [];
  const pending: PendingFile[] = [];
  const text = createTreeFileReader(root, problems, warnings);
  const visible = entries.filter((entry) => !entry.name.startsWith('.')).sort((a, b) => a.name.localeCompare(b.name));
  const rootNames = new Set(visible.map((entry) => entry.name));

  const own: { metadata: MetadataFile | null; isMetadataRead: boolean; datamix?: ParsedCycle['datamix'] } = { metadata: null, isMetadataRead: !rootNames.has('metadata.yaml') };
  if (rootNames.has('metadata.yaml'))
    pending.push({ file: 'metadata.yaml', read: async () => void (own.metadata = await readMetadata('metadata.yaml', null)) });
  if (rootNames.has('datamix.txt'))
    pending.push({
      file: 'datamix.txt',
      read: async () => {
        const content = await text('datamix.txt', null);
        if (content === null) return;
        const parsed = parseDatamix(content);
        own.datamix = parsed.entries;
        problems.push(...parsed.problems);
        warnings.push(...parsed.warnings);
      },
    });
  else problems.push({ file: 'datamix.txt', message: 'datamix.txt is missing', dataset: null });

  async function readMetadata(file: string, dataset: string | null): Promise<MetadataFile | null> {
    const content = await text(file, dataset);
    if (content === null) return null;
    const parsed = parseTreeYaml(file, content, mapping, dataset);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      return null;
    }
    warnings.push(...parsed.warnings);
    if (dataset === null) own.isMetadataRead = true;
    return { file, raw: parsed.value, lineOf: parsed.lineOf };
  }

  const folders: FolderRead[] = [];
  for (const entry of visible) {
    if (!entry.isDirectory()) {
      if (!(CYCLE_FILES as readonly string[]).includes(entry.name)) notes.push(unreadFileNote(entry.name));
      continue;
    }
    const name = entry.name;
    const inside = await readdir(join(root, name), { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      problems.push({ file: name, message: `cannot be read (${error.code ?? error.message})`, dataset: name });
      return [];
    });
    const hasMetadata = inside.some((item) => item.name === 'metadata.yaml');
    const hasCounts = inside.some((item) => item.name === 'counts' && item.isDirectory());
    const folder: FolderRead = { name, hasMetadata, hasCounts, isInDatamix: false, metadata: null, counts: null };
    folders.push(folder);
    if (hasMetadata) pending.push({ file: `${name}/metadata.yaml`, read: async () => void (folder.metadata = await readMetadata(`${name}/metadata.yaml`, name)) });
    if (hasCounts) folder.counts = await scanCountsFolder(root, `${name}/counts`, name, { text, problems, warnings, pending });
  }

  let done = 0;
  onProgress({ phase: 'read', done, total: pending.length });
  // A few files at a time: fast on a laptop, gentle on a network file system.
  for (let i = 0; i < pending.length; i += 16) {
    await Promise.all(pending.slice(i, i + 16).map((file) => file.read()));
    done = Math.min(pending.length, i + 16);
    onProgress({ phase: 'read', done, total: pending.length });
  }

  const named = new Set((own.datamix ?? []).map((entry) => entry.dataset));
  const datasets: ParsedDataset[] = [];
  const unreadable = new Set<string>();
  const skipped = new Set<string>();
  for (const folder of folders) {
    folder.isInDatamix = named.has(folder.name);
    if (!isDatasetFolder(folder)) {
      notes.push(skippedFolderNote(folder));
      skipped.add(folder.name);
      continue;
    }
    if (!DATASET_ID.test(folder.name))
      problems.push({ file: folder.name, message: 'the folder name cannot be a dataset id (letters, digits, ".", "_", "+", "-")', dataset: folder.name });
    const isBroken = (folder.hasMetadata && !folder.metadata) || problems.some((problem) => problem.dataset === folder.name);
    if (isBroken) {
      unreadable.add(folder.name);
      continue;
    }
    const { description, warnings: found } = describeDataset(folder.name, folder.metadata);
    warnings.push(...found);
    datasets.push({ id: folder.name, description, counts: folder.counts });
  }
  // What was read of a folder that is not a dataset does not count against the import.
  const ofSkipped = (path: string) => skipped.has(path.split('/')[0]!);
  const kept = { problems: problems.filter((problem) => !(problem.dataset && ofSkipped(problem.file))), warnings: warnings.filter((warning) => !ofSkipped(warning.path)) };

  let cycle: ParsedCycle | null = null;
  if (own.datamix && own.isMetadataRead) {
    const id = basename(root);
    const metadata = own.metadata ? describeCycle(id, own.metadata) : null;
    if (metadata) kept.warnings.push(...metadata.warnings);
    cycle = { id, metadata: metadata?.description ?? null, datamix: own.datamix, datasets, unreadable };
  }
  notes.sort((a, b) => a.path.localeCompare(b.path));
  return { cycle, ...kept, notes, filesRead: pending.length };
}
