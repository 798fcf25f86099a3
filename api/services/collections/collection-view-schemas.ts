import { z } from 'zod';
import { ANNOTATION_STATES } from '../../domain/collections/metadata.ts';
import { IMPORT_NOTE_CODES, IMPORT_WARNING_CODES } from '../../domain/collections/import-warning.ts';
import { DATASET_CONTENTS } from '../../domain/collections/vocabulary.ts';
import { decisionLinkSchema } from '../decisions/decision-link-schemas.ts';

/**
 * The JSON of the collection and dataset views (collection-views.ts, dataset-views.ts), defined
 * once: the API documents its responses with these schemas (api/routes/collections.ts,
 * datasets.ts) and the site parses its snapshot with them (api/site/snapshot-collections.ts).
 *
 * Plain zod, so that the site reads its data without loading Hono: `.meta()` carries the OpenAPI
 * descriptions and examples, and names (`id`) the components nested in others. The routes name
 * the resources themselves (`namedComponent` in api/http/schemas.ts).
 */

/** A count from a counts file: whole and never negative (api/domain/collections/stage-counts.ts). */
const figure = z.number().int().nonnegative().nullable();

/** Figures of one stage (source: collected; release: what goes into training); null = not known. */
export const stageCountsSchema = z
  .object({
    documents: figure,
    tokens: figure,
    bytes: figure,
    files: figure,
    segments: figure,
    characters: figure,
  })
  .meta({ id: 'StageCounts', description: 'Figures of one stage (source or release); a figure the counts files do not give is null.' });

/** A stage is null when the tree has no counts for it (never 0). */
export const stageSchema = stageCountsSchema.nullable();

export const importWarningSchema = z
  .object({
    code: z.enum(IMPORT_WARNING_CODES),
    path: z.string().meta({ description: 'Relative to the cycle folder.', example: 'dclm-1.0/counts' }),
    message: z.string(),
  })
  .meta({ id: 'ImportWarning' });

export const importNoteSchema = z
  .object({
    code: z.enum(IMPORT_NOTE_CODES),
    path: z.string().meta({ description: 'Relative to the cycle folder.', example: 'etc' }),
    message: z.string(),
  })
  .meta({ id: 'ImportNote', description: 'Something the import skipped on purpose (a helper folder, a file the hub does not read).' });

export const annotationSchema = z
  .object({
    /** Annotation task, e.g. `contamination`, `pii`. */
    kind: z.string().meta({ example: 'contamination' }),
    owner: z.string().nullable().meta({ example: 'Prompsit' }),
    /** As the tree writes it (`_to_do_`, `done`), or null. */
    status: z.string().nullable().meta({ description: 'As the tree writes it.', example: '_to_do_' }),
    state: z.enum(ANNOTATION_STATES),
  })
  .meta({ id: 'Annotation' });

/** Reviewed facts of a dataset card (content/datasets/*.yaml). */
const cardFactsShape = {
  licence: z.string().nullable().meta({ description: 'SPDX identifier from the dataset card; null until verified.', example: 'CC-BY-4.0' }),
  licenceSource: z.string().nullable(),
  redistributable: z.boolean().nullable().meta({ description: 'true: may be redistributed; false: inspection only; null: unknown.' }),
  content: z.enum(DATASET_CONTENTS).nullable().meta({ description: 'text or code; null when the dataset has no card.' }),
  note: z.string().nullable(),
};

export const partSchema = z
  .object({
    part: z.string().meta({ description: "Path inside the dataset; '' for the whole dataset.", example: 'mlt_Latn' }),
    /** The datamix.txt path. */
    path: z.string().meta({ example: 'hplt-3.0/megatron-lm/mlt_Latn' }),
    language: z.string().nullable().meta({ description: 'Language variant the path names.', example: 'mlt_Latn' }),
    cardLanguage: z.string().nullable().meta({ description: 'For a part whose path names none: the variant its dataset card gives.' }),
    weight: z.number().meta({ description: 'Weight in the datamix.', example: 0.001491 }),
    source: stageSchema,
    release: stageSchema,
  })
  .meta({ id: 'CollectionPart' });

export const collectionDatasetSchema = z
  .object({
    id: z.string().meta({ example: 'hplt-3.0' }),
    name: z.string(),
    url: z.string().nullable(),
    huggingface: z.string().nullable(),
    catalogue: z.string().nullable(),
    ...cardFactsShape,
    annotations: z.array(annotationSchema),
    /** Sum of its parts' weights. */
    weight: z.number(),
    source: stageSchema,
    release: stageSchema,
    parts: z.array(partSchema),
    warnings: z.array(importWarningSchema).meta({ description: "The import's warnings about this dataset (a missing name or source, ...)." }),
  })
  .meta({ id: 'CollectionDataset' });

const cycleShape = {
  /** The cycle folder's name, its id. */
  cycle: z.string().meta({ example: 'baby' }),
  name: z.string(),
  /** As the cycle's metadata writes it. */
  date: z.string().nullable().meta({ example: 'May 2026' }),
  tokenizer: z.string().nullable().meta({ example: 'openeurollm/tokenizer-256k' }),
  importedAt: z.string().meta({ format: 'date-time' }),
  updatedAt: z.string().meta({ format: 'date-time' }),
};

export const collectionViewSchema = z.object({
  ...cycleShape,
  /** What the import noticed without refusing, about the cycle and each dataset. */
  warnings: z.array(importWarningSchema),
  /** What the import skipped on purpose. */
  notes: z.array(importNoteSchema),
  datasets: z.array(collectionDatasetSchema),
});

export const collectionSummarySchema = z.object({
  ...cycleShape,
  datasetCount: z.number().int(),
  partCount: z.number().int(),
  releaseTokens: z.number().int(),
  warningCount: z.number().int(),
  noteCount: z.number().int(),
});

export const datasetSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string().nullable(),
  ...cardFactsShape,
  cardLanguage: z.string().nullable(),
  cycles: z.array(z.string()),
});

export const datasetViewSchema = z.object({
  id: z.string().meta({ example: 'dclm-1.0' }),
  name: z.string(),
  url: z.string().nullable(),
  huggingface: z.string().nullable(),
  catalogue: z.string().nullable(),
  ...cardFactsShape,
  cardLanguage: z.string().nullable().meta({ description: 'Language of the parts whose path names none, per the card.', example: 'eng_Latn' }),
  annotations: z.array(annotationSchema),
  /** The cycles holding the dataset, most recently imported first. */
  cycles: z.array(
    z.object({
      cycle: z.string(),
      name: z.string(),
      annotations: z.array(annotationSchema),
      weight: z.number(),
      source: stageSchema,
      release: stageSchema,
      parts: z.array(partSchema),
      warnings: z.array(importWarningSchema).meta({ description: "The import's warnings about this dataset in this cycle." }),
    }),
  ),
  standing: z
    .object({ state: z.enum(['accepted', 'deprecated']), proposalId: z.string(), at: z.string(), cycle: z.string().nullable() })
    .nullable()
    .meta({ description: 'Where the latest passed inclusion or deprecation vote left the dataset; null when none has decided it.' }),
  decisions: z.array(decisionLinkSchema).meta({ description: 'The votes about this dataset, open and closed, newest first.' }),
  /** Per cycle and language variant, its parts summed. */
  languages: z.array(
    z.object({
      cycle: z.string(),
      variant: z.string().meta({ example: 'ekk_Latn' }),
      code: z.string().meta({ description: 'ISO 639-3.', example: 'est' }),
      via: z.enum(['path', 'card']),
      parts: z.number().int(),
      weight: z.number(),
      source: stageSchema,
      release: stageSchema,
    }),
  ),
});
