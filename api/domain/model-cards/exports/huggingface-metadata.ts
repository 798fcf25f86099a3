import type { ModelCardFrontMatter } from '../card-schema.ts';
import { hubLanguageCode, languageName, type LanguageDirectory } from './export-languages.ts';
import { HUB_LIBRARIES, hubPipelineTag, toHubLicence } from './hub-vocabulary.ts';

/** One result of `model-index`, in the Hub's shape (hub-docs modelcard.md). */
export type ModelIndexResult = {
  task: { type: string; name?: string };
  dataset: { type: string; name: string; config?: string; split?: string; revision?: string; args?: Record<string, string> };
  metrics: { type: string; value: number; name?: string }[];
  source?: { name: string; url: string };
};

/** The YAML metadata block of a Hugging Face README, with only keys of HUB_MODEL_CARD_KEYS. */
export type HuggingFaceMetadata = {
  language?: string[];
  license?: string;
  license_name?: string;
  license_link?: string;
  library_name?: string;
  pipeline_tag?: string;
  tags?: string[];
  datasets?: string[];
  metrics?: string[];
  base_model?: string;
  'model-index'?: { name: string; results: ModelIndexResult[] }[];
  co2_eq_emissions?: { emissions: number; source?: string; training_type: string; hardware_used?: string };
};

export type HuggingFaceMetadataInput = {
  card: ModelCardFrontMatter;
  languages: LanguageDirectory;
  /** Hugging Face dataset ids of the linked collection's datasets (none when it is not imported). */
  datasetIds: readonly string[];
};

/**
 * The Hub metadata of a card: languages as ISO 639-1 codes where they exist (639-3 otherwise),
 * the licence as the Hub's identifier (or `other` with name and link), the task and library, the
 * collection's Hub datasets, the evaluations as `model-index` (one result per evaluation, the
 * language in `dataset.args`), and the emissions when the card states them. Keys without a value
 * are left out, never written empty.
 */
export function buildHuggingFaceMetadata({ card, languages, datasetIds }: HuggingFaceMetadataInput): HuggingFaceMetadata {
  const metadata: HuggingFaceMetadata = {};
  if (card.languages.length > 0) metadata.language = unique(card.languages.map((code) => hubLanguageCode(languages, code)));
  if (card.licence) Object.assign(metadata, toHubLicence(card.licence));
  const library = card.integration?.software?.map((software) => software.name.toLowerCase()).find((name) => (HUB_LIBRARIES as readonly string[]).includes(name));
  if (library) metadata.library_name = library;
  const pipelineTag = hubPipelineTag(card.modalities?.input ?? [], card.modalities?.output ?? []);
  if (pipelineTag) metadata.pipeline_tag = pipelineTag;
  metadata.tags = unique([card.family.id, ...(card.languages.length > 1 ? ['multilingual'] : []), ...(card.example ? ['example'] : [])]);
  if (datasetIds.length > 0) metadata.datasets = unique(datasetIds);
  const evaluations = card.evaluations ?? [];
  if (evaluations.length > 0) metadata.metrics = unique(evaluations.flatMap((evaluation) => evaluation.metrics.map((metric) => metric.type)));
  if (card.base_model) metadata.base_model = card.base_model;
  if (evaluations.length > 0) metadata['model-index'] = [{ name: card.model, results: evaluations.map((evaluation) => toModelIndexResult(evaluation, languages)) }];
  if (card.energy?.co2_eq_grams !== undefined)
    metadata.co2_eq_emissions = withoutUndefined({
      emissions: card.energy.co2_eq_grams,
      source: card.energy.method,
      training_type: card.base_model ? 'fine-tuning' : 'pre-training',
      hardware_used: card.compute?.hpc_system,
    });
  return metadata;
}

type Evaluation = NonNullable<ModelCardFrontMatter['evaluations']>[number];

function toModelIndexResult(evaluation: Evaluation, languages: LanguageDirectory): ModelIndexResult {
  const language = evaluation.language;
  const suffix = language ? ` (${languageName(languages, language)})` : '';
  return withoutUndefined({
    task: withoutUndefined({ type: evaluation.task.type, name: evaluation.task.name }),
    dataset: withoutUndefined({
      type: evaluation.dataset.type,
      name: evaluation.dataset.name,
      config: evaluation.dataset.config,
      split: evaluation.dataset.split,
      revision: evaluation.dataset.revision,
      args: language ? { language: hubLanguageCode(languages, language) } : undefined,
    }),
    metrics: evaluation.metrics.map((metric) => ({ type: metric.type, value: metric.value, name: `${metric.name ?? metric.type}${suffix}` })),
    source: evaluation.source,
  });
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function withoutUndefined<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}
