import { z } from '@hono/zod-openapi';
import { ANNOTATION_STATES } from '../domain/collections/metadata.ts';
import { IMPORT_WARNING_CODES } from '../domain/collections/import-warning.ts';
import { DATASET_CONTENTS } from '../domain/collections/vocabulary.ts';

const figure = z.number().int().nullable();

export const stageCountsSchema = z
  .object({
    documents: figure,
    tokens: figure,
    bytes: figure,
    files: figure,
    segments: figure,
    characters: figure,
  })
  .openapi('StageCounts', { description: 'Figures of one stage (source or release); a figure the counts files do not give is null.' });

/** A stage is null when the tree has no counts for it (never 0). */
export const stageSchema = stageCountsSchema.nullable();

export const importWarningSchema = z
  .object({
    code: z.enum(IMPORT_WARNING_CODES),
    path: z.string().openapi({ description: 'Relative to the cycle folder.', example: 'dclm-1.0/counts' }),
    message: z.string(),
  })
  .openapi('ImportWarning');

export const annotationSchema = z
  .object({
    kind: z.string().openapi({ example: 'contamination' }),
    owner: z.string().nullable().openapi({ example: 'Prompsit' }),
    status: z.string().nullable().openapi({ description: 'As the tree writes it.', example: '_to_do_' }),
    state: z.enum(ANNOTATION_STATES),
  })
  .openapi('Annotation');

export const cardFactsShape = {
  licence: z.string().nullable().openapi({ description: 'SPDX identifier from the dataset card; null until verified.', example: 'CC-BY-4.0' }),
  licenceSource: z.string().nullable(),
  redistributable: z.boolean().nullable().openapi({ description: 'true: may be redistributed; false: inspection only; null: unknown.' }),
  content: z.enum(DATASET_CONTENTS).nullable().openapi({ description: 'text or code; null when the dataset has no card.' }),
  note: z.string().nullable(),
};

export const partSchema = z
  .object({
    part: z.string().openapi({ description: "Path inside the dataset; '' for the whole dataset.", example: 'mlt_Latn' }),
    path: z.string().openapi({ example: 'hplt-3.0/megatron-lm/mlt_Latn' }),
    language: z.string().nullable().openapi({ description: 'Language variant the path names.', example: 'mlt_Latn' }),
    cardLanguage: z.string().nullable().openapi({ description: 'For a part whose path names none: the variant its dataset card gives.' }),
    weight: z.number().openapi({ description: 'Weight in the datamix.', example: 0.001491 }),
    source: stageSchema,
    release: stageSchema,
  })
  .openapi('CollectionPart');

export const collectionDatasetSchema = z
  .object({
    id: z.string().openapi({ example: 'hplt-3.0' }),
    name: z.string(),
    url: z.string().nullable(),
    huggingface: z.string().nullable(),
    catalogue: z.string().nullable(),
    ...cardFactsShape,
    annotations: z.array(annotationSchema),
    weight: z.number(),
    source: stageSchema,
    release: stageSchema,
    parts: z.array(partSchema),
  })
  .openapi('CollectionDataset');

const cycleShape = {
  cycle: z.string().openapi({ example: 'baby' }),
  name: z.string(),
  date: z.string().nullable().openapi({ example: 'May 2026' }),
  tokenizer: z.string().nullable().openapi({ example: 'openeurollm/tokenizer-256k' }),
  importedAt: z.string().openapi({ format: 'date-time' }),
  updatedAt: z.string().openapi({ format: 'date-time' }),
};

export const collectionSchema = z
  .object({ ...cycleShape, warnings: z.array(importWarningSchema), datasets: z.array(collectionDatasetSchema) })
  .openapi('Collection');

export const collectionSummarySchema = z
  .object({
    ...cycleShape,
    datasetCount: z.number().int(),
    partCount: z.number().int(),
    releaseTokens: z.number().int(),
    warningCount: z.number().int(),
  })
  .openapi('CollectionSummary');

export const datasetSummarySchema = z
  .object({ id: z.string(), name: z.string(), url: z.string().nullable(), ...cardFactsShape, cardLanguage: z.string().nullable(), cycles: z.array(z.string()) })
  .openapi('DatasetSummary');

export const datasetSchema = z
  .object({
    id: z.string().openapi({ example: 'dclm-1.0' }),
    name: z.string(),
    url: z.string().nullable(),
    huggingface: z.string().nullable(),
    catalogue: z.string().nullable(),
    ...cardFactsShape,
    cardLanguage: z.string().nullable().openapi({ description: 'Language of the parts whose path names none, per the card.', example: 'eng_Latn' }),
    annotations: z.array(annotationSchema),
    cycles: z.array(
      z.object({
        cycle: z.string(),
        name: z.string(),
        annotations: z.array(annotationSchema),
        weight: z.number(),
        source: stageSchema,
        release: stageSchema,
        parts: z.array(partSchema),
      }),
    ),
    languages: z.array(
      z.object({
        cycle: z.string(),
        variant: z.string().openapi({ example: 'ekk_Latn' }),
        code: z.string().openapi({ description: 'ISO 639-3.', example: 'est' }),
        via: z.enum(['path', 'card']),
        parts: z.number().int(),
        weight: z.number(),
        source: stageSchema,
        release: stageSchema,
      }),
    ),
  })
  .openapi('Dataset');
