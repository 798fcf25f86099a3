import { allFolders, countsOf, findFolder, type CountsFolder } from './counts-tree.ts';
import type { DatamixEntry } from './datamix.ts';
import type { CycleDescription } from './describe-cycle.ts';
import type { DatasetDescription } from './describe-dataset.ts';
import type { ImportProblem, ImportWarning } from './import-warning.ts';
import type { Annotation } from './metadata.ts';
import { STAGES, type Stage, type StageCounts } from './stage-counts.ts';
import { mostCommonTokenizer, tokenizerWarnings, unmixedFolderWarnings } from './tree-warnings.ts';

/** A dataset folder as read from disk: what its metadata says and its `counts/` tree (null: it has none). */
export type ParsedDataset = { id: string; description: DatasetDescription; counts: CountsFolder | null };

export type ParsedCycle = {
  /** The cycle folder's name: the cycle's id, whatever its metadata says. */
  id: string;
  /** Null when the cycle has no metadata.yaml (the collection's newer cycles): the folder names it. */
  metadata: CycleDescription | null;
  datamix: DatamixEntry[];
  datasets: ParsedDataset[];
  /** Dataset folders that exist but could not be read (their problems are reported elsewhere). */
  unreadable: ReadonlySet<string>;
};

export type CollectionValues = {
  name: string;
  dateLabel: string | null;
  tokenizer: string | null;
  settings: { release: Record<string, unknown> | null; sources: Record<string, unknown> | null };
  warnings: ImportWarning[];
};

export type CollectionDatasetValues = {
  datasetId: string;
  name: string;
  url: string | null;
  huggingface: string | null;
  catalogue: string | null;
  annotations: Annotation[];
  source: StageCounts | null;
  release: StageCounts | null;
};

export type CollectionPartValues = {
  datasetId: string;
  part: string;
  path: string;
  language: string | null;
  weight: number;
  source: StageCounts | null;
  release: StageCounts | null;
};

export type AssembledCycle = {
  collection: CollectionValues;
  datasets: CollectionDatasetValues[];
  parts: CollectionPartValues[];
  /** Datasets with problems are left out of `datasets` and `parts`. */
  problems: ImportProblem[];
};

/**
 * Turns a read cycle into the rows to store. Parts are what datamix.txt names; a part's counts are
 * those of `<dataset>/counts/<part path>` and a dataset's totals those of `<dataset>/counts`, both
 * by the stage rule (see `countsOf`). A line naming a missing dataset folder or counts folder is a
 * problem of that dataset, which is then left out entirely: never half a dataset. A cycle without
 * metadata is named after its folder and takes the tokenizer most of its counts files name, so
 * that files counted with another one are still pointed out.
 */
export function assembleCycle(cycle: ParsedCycle): AssembledCycle {
  const problems: ImportProblem[] = [];
  const warnings: ImportWarning[] = [];
  const tokenizer = cycle.metadata ? cycle.metadata.tokenizer : mostCommonTokenizer(cycle.datasets.flatMap((dataset) => (dataset.counts ? allFolders(dataset.counts) : [])));
  if (!cycle.metadata)
    warnings.push({
      code: 'cycle_metadata_missing',
      path: 'metadata.yaml',
      message:
        `metadata.yaml: the cycle has none; it is named after its folder, "${cycle.id}", its date is unknown, and ` +
        (tokenizer ? `its tokenizer is taken to be "${tokenizer}", the one most of its counts files name` : 'no counts file names a tokenizer'),
    });
  const byId = new Map(cycle.datasets.map((dataset) => [dataset.id, dataset]));
  const parts: CollectionPartValues[] = [];

  for (const entry of cycle.datamix) {
    if (cycle.unreadable.has(entry.dataset)) continue;
    const dataset = byId.get(entry.dataset);
    if (!dataset) {
      problems.push({ file: 'datamix.txt', line: entry.line, dataset: entry.dataset, message: `names "${entry.path}" but there is no dataset folder "${entry.dataset}"` });
      continue;
    }
    const folder = dataset.counts && findFolder(dataset.counts, entry.part === '' ? [] : entry.part.split('/'));
    if (!folder) {
      const file = [entry.dataset, 'counts', entry.part].filter(Boolean).join('/');
      problems.push({ file, dataset: entry.dataset, message: `datamix.txt line ${entry.line} names "${entry.path}" but this counts folder is missing` });
      continue;
    }
    const stages = stageCountsOf(folder, warnings, true);
    parts.push({ datasetId: entry.dataset, part: entry.part, path: entry.path, language: entry.language, weight: entry.weight, ...stages });
  }

  const datasets: CollectionDatasetValues[] = [];
  for (const dataset of [...cycle.datasets].sort((a, b) => a.id.localeCompare(b.id))) {
    const datasetParts = parts.filter((part) => part.datasetId === dataset.id);
    if (datasetParts.length === 0)
      warnings.push({ code: 'not_in_mix', path: dataset.id, message: `${dataset.id}: no datamix.txt line names this dataset; it is recorded without parts` });
    const totals = dataset.counts ? stageCountsOf(dataset.counts, warnings, datasetParts.length === 0) : { source: null, release: null };
    if (dataset.counts) {
      warnings.push(...unmixedFolderWarnings(dataset.counts, datasetParts.map((part) => part.part)));
      if (tokenizer) warnings.push(...tokenizerWarnings(dataset.id, allFolders(dataset.counts), tokenizer));
    }
    datasets.push({ datasetId: dataset.id, ...dataset.description, ...totals });
  }

  const failed = new Set(problems.map((problem) => problem.dataset));
  return {
    collection: {
      name: cycle.metadata?.name ?? cycle.id,
      dateLabel: cycle.metadata?.dateLabel ?? null,
      tokenizer,
      settings: cycle.metadata?.settings ?? { release: null, sources: null },
      warnings: dedupe(warnings.filter((warning) => !failed.has(warning.path.split('/')[0]!))),
    },
    datasets: datasets.filter((dataset) => !failed.has(dataset.datasetId)),
    parts: parts.filter((part) => !failed.has(part.datasetId)),
    problems,
  };
}

function stageCountsOf(folder: CountsFolder, warnings: ImportWarning[], reportMissing: boolean): Record<Stage, StageCounts | null> {
  const result = {} as Record<Stage, StageCounts | null>;
  for (const stage of STAGES) {
    const { counts, warnings: found } = countsOf(folder, stage);
    warnings.push(...found);
    if (counts === null && reportMissing)
      warnings.push({ code: 'missing_stage', path: folder.path, message: `${folder.path}: no ${stage} counts; ${stage} stays null` });
    result[stage] = counts;
  }
  return result;
}

function dedupe(warnings: ImportWarning[]): ImportWarning[] {
  const seen = new Set<string>();
  return warnings.filter((warning) => {
    const key = `${warning.code}\0${warning.path}\0${warning.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
