import type { CountsFolder } from './counts-tree.ts';
import type { ImportWarning } from './import-warning.ts';
import { STAGES } from './stage-counts.ts';

/**
 * Counts folders that hold figures no part uses: neither a part's folder, nor inside one, nor on
 * the way to one (hplt-3.0's `ltg_Latn` has counts but no datamix line). Reported once, at the
 * topmost such folder. They still count in the dataset's totals, which cover the whole `counts/`.
 */
export function unmixedFolderWarnings(root: CountsFolder, partPaths: readonly string[]): ImportWarning[] {
  if (partPaths.length === 0) return [];
  const parts = partPaths.map((path) => (path === '' ? [] : path.split('/')));
  const warnings: ImportWarning[] = [];
  const visit = (folder: CountsFolder, segments: string[]) => {
    const isUsed = parts.some((part) => startsWith(segments, part) || startsWith(part, segments));
    if (!isUsed) {
      if (hasAnyStage(folder))
        warnings.push({
          code: 'unmixed_counts',
          path: folder.path,
          message: `${folder.path}: holds counts but no datamix.txt line names it; counted in the dataset's totals, not in the mix`,
        });
      return;
    }
    for (const child of folder.children) visit(child, [...segments, child.name]);
  };
  visit(root, []);
  return warnings;
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => path[index] === segment);
}

function hasAnyStage(folder: CountsFolder): boolean {
  return STAGES.some((stage) => folder.stages[stage]) || folder.children.some(hasAnyStage);
}

/** One warning per dataset and foreign tokenizer: tokens counted with another tokenizer do not add up. */
export function tokenizerWarnings(datasetId: string, folders: readonly CountsFolder[], cycleTokenizer: string): ImportWarning[] {
  const byTokenizer = new Map<string, string[]>();
  for (const folder of folders)
    for (const stage of STAGES) {
      const tokenizer = folder.tokenizers?.[stage];
      if (tokenizer && tokenizer !== cycleTokenizer) byTokenizer.set(tokenizer, [...(byTokenizer.get(tokenizer) ?? []), `${folder.path}/${stage}.json`]);
    }
  return [...byTokenizer].map(([tokenizer, files]) => ({
    code: 'tokenizer_mismatch' as const,
    path: datasetId,
    message: `${datasetId}: ${files.length} counts file${files.length === 1 ? '' : 's'} (e.g. ${files[0]}) count tokens with "${tokenizer}", not the cycle's "${cycleTokenizer}"`,
  }));
}

/**
 * The tokenizer most counts files name (ties: the first by name), or null when none names one: the
 * cycle's tokenizer when its metadata does not say.
 */
export function mostCommonTokenizer(folders: readonly CountsFolder[]): string | null {
  const files = new Map<string, number>();
  for (const folder of folders)
    for (const stage of STAGES) {
      const tokenizer = folder.tokenizers?.[stage];
      if (tokenizer) files.set(tokenizer, (files.get(tokenizer) ?? 0) + 1);
    }
  return [...files].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}
