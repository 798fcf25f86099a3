import type { ImportWarning } from './import-warning.ts';
import { formatCount, sumStageCounts, type Stage, type StageCounts } from './stage-counts.ts';

/** A folder under a dataset's `counts/`, with the stage files it holds itself. */
export type CountsFolder = {
  /** Relative to the cycle folder, e.g. `dclm-1.0/counts/global-shard_01_of_10`. */
  path: string;
  name: string;
  stages: Partial<Record<Stage, StageCounts>>;
  /** The tokenizer each stage file says its tokens were counted with. */
  tokenizers?: Partial<Record<Stage, string>>;
  children: CountsFolder[];
};

export type FolderCounts = {
  counts: StageCounts | null;
  /** How many `<stage>.json` files the figures come from. */
  files: number;
  warnings: ImportWarning[];
};

/**
 * The stage rule. A folder's counts for a stage are its own `<stage>.json` when it has one;
 * otherwise the sum of its subfolders' counts, each by this same rule; otherwise null (the stage is
 * missing — never 0). An aggregate file beside shard folders is therefore never added to them; when
 * it disagrees with their sum, the aggregate wins and a warning gives both figures.
 */
export function countsOf(folder: CountsFolder, stage: Stage): FolderCounts {
  const own = folder.stages[stage];
  if (!own) return sumOfSubfolders(folder, stage);
  const below = sumOfSubfolders(folder, stage);
  const warnings = below.counts && disagree(own, below.counts) ? [aggregateMismatch(folder, stage, own, below)] : [];
  return { counts: own, files: 1, warnings };
}

function sumOfSubfolders(folder: CountsFolder, stage: Stage): FolderCounts {
  const results = folder.children.map((child) => ({ child, ...countsOf(child, stage) }));
  const present = results.filter((result) => result.counts !== null);
  const warnings = present.flatMap((result) => result.warnings);
  if (present.length === 0) return { counts: null, files: 0, warnings: [] };
  const missing = results.filter((result) => result.counts === null).map((result) => result.child.name);
  if (missing.length > 0)
    warnings.push({
      code: 'partial_sum',
      path: folder.path,
      message:
        `${folder.path}: ${stage} counts summed from ${present.length} of ${results.length} subfolders; ` +
        `${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''} ha${missing.length === 1 ? 's' : 've'} none`,
    });
  return {
    counts: sumStageCounts(present.map((result) => result.counts!)),
    files: present.reduce((total, result) => total + result.files, 0),
    warnings,
  };
}

/** Only figures both sides know are compared. */
function disagree(a: StageCounts, b: StageCounts): boolean {
  return (['tokens', 'documents', 'bytes'] as const).some((field) => a[field] !== null && b[field] !== null && a[field] !== b[field]);
}

function aggregateMismatch(folder: CountsFolder, stage: Stage, own: StageCounts, below: FolderCounts): ImportWarning {
  const sum = below.counts!;
  const gap = own.tokens && sum.tokens ? ` (${(((sum.tokens - own.tokens) / own.tokens) * 100).toFixed(2)}% apart in tokens)` : '';
  return {
    code: 'aggregate_mismatch',
    path: folder.path,
    message:
      `${folder.path}: ${stage}.json counts ${formatCount(own.tokens)} tokens and ${formatCount(own.documents)} documents, ` +
      `but the ${below.files} ${stage}.json files below it add up to ${formatCount(sum.tokens)} tokens and ` +
      `${formatCount(sum.documents)} documents${gap}; the aggregate ${stage}.json was imported`,
  };
}

/** The folder at `segments` below `root` (`[]` is the root itself), or null when there is none. */
export function findFolder(root: CountsFolder, segments: readonly string[]): CountsFolder | null {
  let folder: CountsFolder | undefined = root;
  for (const segment of segments) {
    folder = folder.children.find((child) => child.name === segment);
    if (!folder) return null;
  }
  return folder;
}

/** Every folder of the tree, the root first. */
export function allFolders(root: CountsFolder): CountsFolder[] {
  return [root, ...root.children.flatMap(allFolders)];
}
