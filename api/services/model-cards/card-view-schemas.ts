import { z } from 'zod';
import { modelCardFrontMatterSchema } from '../../domain/model-cards/card-schema.ts';
import { TEXT_SIZE_BANDS } from '../../domain/model-cards/exports/training-summary.ts';
import { MOF_CONTENT_TYPES } from '../../domain/openness/components.ts';
import { MODEL_STATUSES } from '../../domain/training/vocabulary.ts';

/**
 * The JSON of the model-card views (model-cards.ts) and of the training-summary export, defined
 * once for the API (api/routes/model-cards.ts names them) and the site's card page. Plain zod with
 * `.meta()`, as in collections/collection-view-schemas.ts.
 */

const audience = z.enum(['ai_office', 'downstream_providers']);
const perClass = <T extends z.ZodType>(value: T) => z.object({ '1': value, '2': value, '3': value });
const opennessClass = z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).meta({ description: '0 = unclassified; 1 (Open Science) is the most open.' });

const fieldStatusSchema = z
  .object({
    key: z.string().meta({ example: 'acceptable_use_policy' }),
    label: z.string(),
    articles: z.array(z.string()).meta({ example: ['Annex XI §1(1)(b)', 'Annex XII §1(b)'] }),
    audiences: z.array(audience),
    present: z.boolean(),
  })
  .meta({ id: 'DocumentationField' });

export const cardComplianceSchema = z
  .object({
    aiAct: z.object({
      complete: z.boolean(),
      systemicRisk: z.boolean().meta({ description: 'Annex XI §2 applies (compute at or above 10^25 FLOP).' }),
      fields: z.array(fieldStatusSchema),
      missing: z.array(fieldStatusSchema),
    }),
    exemption: z.object({
      canApply: z.boolean().meta({ description: 'Whether the Art. 53(2) open-source exemption can apply.' }),
      reasons: z.array(z.object({ code: z.string(), ok: z.boolean(), message: z.string() })),
    }),
    compute: z.object({
      flop: z.number().nullable(),
      generalPurposeIndicated: z.boolean(),
      systemicRiskPresumed: z.boolean(),
      duties: z.array(z.string()),
    }),
    openness: z.object({
      class: opennessClass,
      label: z.string().meta({ example: 'Class III - Open Model' }),
      progress: perClass(z.number()).meta({ description: 'Unrounded percentages per class, as the Model Openness Tool computes them.' }),
      components: z.array(
        z.object({
          id: z.number().int(),
          name: z.string(),
          class: z.union([z.literal(1), z.literal(2), z.literal(3)]),
          required: z.boolean(),
          contentType: z.enum(MOF_CONTENT_TYPES),
          included: z.boolean(),
          licence: z.string().nullable(),
          licenceSource: z.enum(['component', 'global-type', 'global-distribution']).nullable(),
          licenceIsOpen: z.boolean(),
          licenceIsTypeAppropriate: z.boolean(),
          counts: z.boolean(),
          reason: z.string(),
        }),
      ),
      missing: perClass(z.array(z.string())),
      warnings: z.array(z.string()),
      ignoredComponents: z.array(z.string()).meta({ description: 'Card components not named as the framework names them; left out of the MOT export.' }),
    }),
  })
  .meta({ id: 'CardCompliance' });

export const modelCardViewSchema = z.object({
  modelId: z.string().meta({ example: 'agora-demo-1b-v0-1' }),
  path: z.string().meta({ example: 'models/agora-demo/0.1.md' }),
  revision: z.string().meta({ description: 'sha256 of the card file: what a release vote pins.' }),
  isExample: z.boolean(),
  updatedAt: z.string().meta({ format: 'date-time' }),
  frontMatter: modelCardFrontMatterSchema.meta({ id: 'ModelCardFrontMatter', description: 'The card\'s front matter as content/models/<family>/<version>.md writes it.' }),
  body: z.string().meta({ description: 'The prose sections, Markdown.' }),
  compliance: cardComplianceSchema,
});

export const modelCardSummarySchema = z.object({
  modelId: z.string(),
  name: z.string(),
  family: z.object({ id: z.string(), name: z.string() }),
  version: z.string(),
  status: z.enum(MODEL_STATUSES),
  path: z.string(),
  revision: z.string(),
  isExample: z.boolean(),
  updatedAt: z.string().meta({ format: 'date-time' }),
  completeness: z.object({
    complete: z.boolean(),
    systemicRisk: z.boolean(),
    documented: z.number().int(),
    required: z.number().int(),
    missing: z.array(z.string()).meta({ description: 'Keys of the missing documentation fields.' }),
  }),
  openness: z.object({ class: opennessClass, label: z.string() }),
  exemptionCanApply: z.boolean(),
});

const sourceKindSchema = z.object({
  used: z.boolean().nullable().meta({ description: 'null: the model card does not say.' }),
  description: z.string().nullable(),
});

const summaryDatasetSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    link: z.string().nullable(),
    licence: z.string().nullable(),
    licenceSource: z.string().nullable(),
    redistributable: z.boolean().nullable(),
    content: z.enum(['text', 'code']).nullable(),
    note: z.string().nullable(),
    share: z.number(),
    releaseTokens: z.number().int(),
    sourceTokens: z.number().int(),
  })
  .meta({ id: 'TrainingSummaryDataset' });

/** The `training-summary.json` export. */
export const trainingSummarySchema = z.object({
  template: z.object({ title: z.string(), publisher: z.string(), version: z.string(), legalBasis: z.string() }),
  model: z.object({ id: z.string(), name: z.string(), version: z.string(), cardRevision: z.string(), isExample: z.boolean() }),
  collection: z.object({ cycle: z.string(), name: z.string(), date: z.string().nullable(), tokenizer: z.string().nullable(), updatedAt: z.string() }),
  generalInformation: z.object({
    provider: z.object({ name: z.string().nullable(), contact: z.string().nullable(), organizations: z.array(z.string()) }),
    modelIdentification: z.object({
      versionedModelName: z.string(),
      dependencies: z.array(z.string()),
      placedOnMarket: z.string().nullable(),
      distribution: z.array(z.string()),
    }),
    modalities: z.array(z.object({ modality: z.literal('text'), sizeBand: z.enum(TEXT_SIZE_BANDS), tokens: z.number().int(), typesOfContent: z.array(z.string()) })),
    collectionPeriod: z.object({ start: z.string(), end: z.string() }).nullable(),
    languages: z.array(
      z.object({
        code: z.string(),
        iso6391: z.string().nullable(),
        name: z.string(),
        isModelTarget: z.boolean(),
        releaseTokens: z.number().int(),
        sourceTokens: z.number().int(),
        share: z.number(),
      }),
    ),
    otherCharacteristics: z.object({
      codeTokens: z.number().int(),
      unassignedTokens: z.number().int(),
      statedScope: z.string().nullable(),
      statedDataPoints: z.string().nullable(),
    }),
  }),
  dataSources: z.object({
    publicDatasets: z.object({ used: z.boolean(), datasets: z.array(summaryDatasetSchema) }),
    commerciallyLicensed: sourceKindSchema,
    privateThirdParty: sourceKindSchema.extend({ datasets: z.array(summaryDatasetSchema) }),
    crawled: sourceKindSchema,
    userData: sourceKindSchema,
    synthetic: sourceKindSchema,
    other: sourceKindSchema,
  }),
  dataProcessing: z.object({ tdmOptOut: z.string().nullable(), illegalContent: z.string().nullable(), other: z.array(z.string()) }),
});
