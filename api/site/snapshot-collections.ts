import { z } from 'zod';
import { ANNOTATION_STATES } from '../domain/collections/metadata.ts';
import { IMPORT_WARNING_CODES } from '../domain/collections/import-warning.ts';
import { DATASET_CONTENTS } from '../domain/collections/vocabulary.ts';

/**
 * The training-data part of the site snapshot: what `buildCollectionsSnapshot` gives (datasets,
 * cycles with their mix, coverage and matrix), field for field. The hub checks at compile time that
 * what it writes fits (`satisfies SiteSnapshot` in api/hub/site-manager.ts).
 */

const count = z.number().int().nonnegative();

/** Figures of one stage (source: collected; release: what goes into training); null = not known. */
export const stageCountsSchema = z.object({
  files: count.nullable(),
  bytes: count.nullable(),
  documents: count.nullable(),
  segments: count.nullable(),
  tokens: count.nullable(),
  characters: count.nullable(),
});

const annotationSchema = z.object({
  /** Annotation task, e.g. `contamination`, `pii`. */
  kind: z.string(),
  owner: z.string().nullable(),
  /** As the tree writes it (`_to_do_`, `done`), or null. */
  status: z.string().nullable(),
  state: z.enum(ANNOTATION_STATES),
});

/** Reviewed facts of a dataset card (content/datasets/*.yaml). */
const cardFacts = {
  licence: z.string().nullable(),
  licenceSource: z.string().nullable(),
  /** true: may be redistributed; false: inspection only; null: not yet assessed. */
  redistributable: z.boolean().nullable(),
  content: z.enum(DATASET_CONTENTS).nullable(),
  note: z.string().nullable(),
};

const partSchema = z.object({
  /** Path inside the dataset; '' when the datamix line names the whole dataset. */
  part: z.string(),
  /** The datamix.txt path. */
  path: z.string(),
  /** Language variant named by the path (`ekk_Latn`), or null. */
  language: z.string().nullable(),
  /** For a part whose path names no language: the variant its dataset card gives. */
  cardLanguage: z.string().nullable(),
  /** Datamix weight. */
  weight: z.number(),
  source: stageCountsSchema.nullable(),
  release: stageCountsSchema.nullable(),
});

const collectionDatasetSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string().nullable(),
  huggingface: z.string().nullable(),
  catalogue: z.string().nullable(),
  ...cardFacts,
  annotations: z.array(annotationSchema),
  /** Sum of its parts' weights. */
  weight: z.number(),
  source: stageCountsSchema.nullable(),
  release: stageCountsSchema.nullable(),
  parts: z.array(partSchema),
});

const collectionSchema = z.object({
  /** The cycle folder's name, its id. */
  cycle: z.string(),
  name: z.string(),
  /** As the cycle's metadata writes it, e.g. "May 2026". */
  date: z.string().nullable(),
  tokenizer: z.string().nullable(),
  importedAt: z.string(),
  updatedAt: z.string(),
  /** What the import noticed without refusing (paths relative to the cycle folder). */
  warnings: z.array(z.object({ code: z.enum(IMPORT_WARNING_CODES), path: z.string(), message: z.string() })),
  datasets: z.array(collectionDatasetSchema),
});

const datasetShareSchema = z.object({
  dataset: z.string(),
  /** `path`: the part paths name the language; `card`: the dataset card does. */
  via: z.enum(['path', 'card']),
  variants: z.array(z.string()),
  parts: z.number().int(),
  weight: z.number(),
  share: z.number(),
  releaseTokens: z.number(),
  sourceTokens: z.number(),
});

const figures = {
  weight: z.number(),
  /** Share of the whole mix, 0–1. */
  share: z.number(),
  releaseTokens: z.number(),
  sourceTokens: z.number(),
  /** Parts counted here that lack release or source counts. */
  partsWithoutCounts: z.number().int(),
  datasets: z.array(datasetShareSchema),
};

export const coverageSchema = z.object({
  cycle: z.string(),
  /** Whose target languages the rows are. */
  targets: z.union([
    z.object({ kind: z.literal('consortium') }),
    z.object({ kind: z.literal('model'), model: z.string(), name: z.string() }),
  ]),
  totalWeight: z.number(),
  medianShare: z.number().nullable(),
  lowShareThreshold: z.number().nullable(),
  languages: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      variants: z.array(z.string()),
      ...figures,
      /** `none`: no data in the mix; `low`: below half the median target language's share. */
      gap: z.object({ kind: z.enum(['none', 'low']), message: z.string() }).nullable(),
    }),
  ),
  otherLanguages: z.array(z.object({ code: z.string(), name: z.string().nullable(), variants: z.array(z.string()), ...figures })),
  languageless: z.array(
    z.object({
      dataset: z.string(),
      part: z.string(),
      content: z.enum(['text', 'code', 'unknown']),
      cardLanguage: z.string().nullable(),
      /** The language code it was counted under (English by card), or null. */
      countedAs: z.string().nullable(),
      weight: z.number(),
      share: z.number(),
      releaseTokens: z.number().nullable(),
      sourceTokens: z.number().nullable(),
    }),
  ),
});

const matrixSchema = z.object({
  /** Column order: datasets by descending weight in the mix. */
  datasets: z.array(z.string()),
  rows: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      /** False for languages outside the targets (e.g. Georgian). */
      target: z.boolean(),
      share: z.number(),
      cells: z.array(z.object({ weight: z.number(), share: z.number(), releaseTokens: z.number(), via: z.enum(['path', 'card']) }).nullable()),
    }),
  ),
});

const datasetSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string().nullable(),
  ...cardFacts,
  /** Language of the parts whose path names none, per the card. */
  cardLanguage: z.string().nullable(),
  huggingface: z.string().nullable(),
  catalogue: z.string().nullable(),
  annotations: z.array(annotationSchema),
  /** The cycles holding the dataset, most recently imported first. */
  cycles: z.array(
    z.object({
      cycle: z.string(),
      name: z.string(),
      annotations: z.array(annotationSchema),
      weight: z.number(),
      source: stageCountsSchema.nullable(),
      release: stageCountsSchema.nullable(),
      parts: z.array(partSchema),
    }),
  ),
  /** Per cycle and language variant, its parts summed. */
  languages: z.array(
    z.object({
      cycle: z.string(),
      variant: z.string(),
      code: z.string(),
      via: z.enum(['path', 'card']),
      parts: z.number().int(),
      weight: z.number(),
      source: stageCountsSchema.nullable(),
      release: stageCountsSchema.nullable(),
    }),
  ),
});

/** `buildCollectionsSnapshot` without its `generatedAt` (the snapshot has one) and `languages` (ditto). */
export const collectionsSnapshotSchema = z.object({
  cycles: z.array(z.object({ collection: collectionSchema, coverage: coverageSchema, matrix: matrixSchema })),
  datasets: z.array(datasetSchema),
});

export type SiteCollections = z.infer<typeof collectionsSnapshotSchema>;
export type SiteCycle = SiteCollections['cycles'][number];
export type SiteDataset = SiteCollections['datasets'][number];
export type SiteCoverage = z.infer<typeof coverageSchema>;
export type SiteStageCounts = z.infer<typeof stageCountsSchema>;
