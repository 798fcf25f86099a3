import { snapshot } from './snapshot.ts';

/**
 * Look-ups across the snapshot's lists, built once per build. Variants (`ekk_Latn`) resolve to
 * their language through the target languages' variants lists, as coverage counts them.
 */

const languageByCode = new Map(snapshot.languages.map((language) => [language.code, language]));
const languageByVariant = new Map(snapshot.languages.flatMap((language) => language.variants.map((variant) => [variant, language] as const)));

/** Names of languages outside the targets, from the ICU data of the Node running the build. */
const displayNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/**
 * English name of an ISO 639-3 code or a code_Script variant: the consortium's name for a target
 * language, otherwise ICU's (`kat` → Georgian), otherwise the code itself.
 */
export function languageName(codeOrVariant: string): string {
  const target = languageByCode.get(codeOrVariant) ?? languageByVariant.get(codeOrVariant);
  if (target) return target.name;
  const code = codeOrVariant.split('_')[0]!;
  try {
    return displayNames.of(code) ?? codeOrVariant;
  } catch {
    return codeOrVariant;
  }
}

/** Whether the code or variant is one of the consortium's target languages. */
export function isTargetLanguage(codeOrVariant: string): boolean {
  return languageByCode.has(codeOrVariant) || languageByVariant.has(codeOrVariant);
}

const datasetNames = new Map<string, string>([
  ...snapshot.collections.cycles.flatMap((cycle) => cycle.collection.datasets.map((dataset) => [dataset.id, dataset.name] as const)),
  ...snapshot.collections.datasets.map((dataset) => [dataset.id, dataset.name] as const),
]);

export function datasetName(id: string): string {
  return datasetNames.get(id) ?? id;
}

/** Whether the dataset has a page (it is in an imported cycle). */
export function hasDatasetPage(id: string): boolean {
  return snapshot.collections.datasets.some((dataset) => dataset.id === id);
}

const modelsById = new Map(snapshot.models.map((model) => [model.id, model]));

export function findModel(id: string) {
  return modelsById.get(id) ?? null;
}

export function runsOfModel(id: string) {
  return snapshot.trainingRuns.filter((run) => run.modelId === id);
}

export function findCycle(cycle: string) {
  return snapshot.collections.cycles.find((entry) => entry.collection.cycle === cycle) ?? null;
}
