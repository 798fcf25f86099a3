import { z } from 'zod';
import { isoDate, slug } from '../registry/common.ts';
import { MODEL_STATUSES } from '../training/vocabulary.ts';

/**
 * The front matter of a model card (content/models/<family>/<version>.md). Identity is required;
 * everything the AI Act or the openness framework asks for is optional here, so an unfinished card
 * still syncs — and the completeness check names what it lacks. Wrong types and unknown keys are
 * refused, so a typo never silently drops a field.
 */

const text = z.string().trim().min(1, 'expected some text');
const texts = z.array(text).min(1, 'expected at least one entry');
const url = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });
const positive = z.number({ error: 'expected a number' }).positive('expected a positive number');

/** An evaluation in Hugging Face's `model-index` shape, with the language where it is per language. */
export const evaluationSchema = z.strictObject({
  task: z.strictObject({ type: text, name: text.optional() }),
  dataset: z.strictObject({ type: text, name: text, config: text.optional(), split: text.optional(), revision: text.optional() }),
  metrics: z.array(z.strictObject({ type: text, value: z.number({ error: 'expected a number' }), name: text.optional() })).min(1),
  /** ISO 639-3 code when the result is for one language. */
  language: z.string().regex(/^[a-z]{3}$/, 'expected an ISO 639-3 code').optional(),
  source: z.strictObject({ name: text, url }).optional(),
});

/** One Model Openness Framework component as released with this version. */
export const opennessComponentSchema = z.strictObject({
  /** The component's name as the framework writes it, e.g. "Model parameters (Final)". */
  name: text,
  /** SPDX identifier, or the licence name; omit when the component is not released. */
  licence: text.optional(),
  /** Where it can be obtained. */
  location: url.optional(),
  included: z.boolean().default(true),
});

/**
 * Whether the model was trained on one kind of data source of the Commission's training-content
 * template (§2.2–2.6) that the linked collection cannot tell by itself, and how.
 */
export const dataSourceKindSchema = z.strictObject({
  used: z.boolean({ error: 'expected true or false' }),
  /** What was used and how, as the template asks (crawler names, generating models, ...). */
  description: text.optional(),
});

export const modelCardFrontMatterSchema = z.strictObject({
  /** Marks a card shipped as an example (the demo model's): shown as such everywhere. */
  example: z.boolean().default(false),
  /** The registry id of the model version, e.g. `oellm-8b-v1-0`. */
  model: slug,
  family: z.strictObject({ id: slug, name: text, description: text.optional() }),
  version: text,
  name: text,
  status: z.enum(MODEL_STATUSES, { error: `expected one of ${MODEL_STATUSES.join(', ')}` }),
  /**
   * Hugging Face Hub id of the model this one was fine-tuned or adapted from (`base_model` in the
   * Hub's metadata, a model dependency in the training-content summary). Omit when trained from scratch.
   */
  base_model: text.optional(),
  /** Target languages, ISO 639-3 codes from languages.yaml. */
  languages: z.array(z.string().regex(/^[a-z]{3}$/, 'expected an ISO 639-3 code such as "mlt"')).default([]),
  provider: z
    .strictObject({
      name: text,
      contact: text.optional(),
      /** Consortium organisations (ids from organizations.yaml) that provide it. */
      organizations: z.array(slug).default([]),
    })
    .optional(),
  /** Tasks the model is intended to perform (Annex XI §1(1)(a), XII §1(a)). */
  intended_uses: texts.optional(),
  /** Type and nature of AI systems it can be integrated into (same points). */
  integration_types: texts.optional(),
  prohibited_uses: texts.optional(),
  /** The acceptable-use policy: a URL or its text (Annex XI §1(1)(b), XII §1(b)). */
  acceptable_use_policy: text.optional(),
  release: z.strictObject({ date: isoDate.optional(), channels: texts.optional() }).optional(),
  architecture: z
    .strictObject({
      type: text.optional(),
      parameters: z.number().int().positive().optional(),
      context_window: z.number().int().positive().optional(),
      details: text.optional(),
    })
    .optional(),
  modalities: z.strictObject({ input: texts.optional(), output: texts.optional(), format: text.optional() }).optional(),
  licence: z
    .strictObject({
      id: text,
      url: url.optional(),
      /** True when only eligible European actors may obtain it: then it is not a free and open-source licence. */
      restricted_to_eligible_actors: z.boolean().default(false),
    })
    .optional(),
  integration: z
    .strictObject({
      /** Instructions of use, infrastructure, tools needed to integrate it (Annex XI §1(2)(a), XII §2(a)). */
      technical_means: text.optional(),
      /** How it interacts with hardware or software outside the model (XII §1(d)). */
      interacts_with: text.optional(),
      hardware: text.optional(),
      /** Versions of the software relevant to its use (XII §1(e)). */
      software: z.array(z.strictObject({ name: text, version: text })).min(1).optional(),
    })
    .optional(),
  training: z.strictObject({ methods: text.optional(), design_choices: text.optional(), objective: text.optional() }).optional(),
  data: z
    .strictObject({
      /** The training-data collection cycle (a collection id such as `baby`). */
      collection: slug.optional(),
      types: texts.optional(),
      provenance: text.optional(),
      curation: text.optional(),
      data_points: text.optional(),
      scope: text.optional(),
      unsuitability_measures: text.optional(),
      bias_detection: text.optional(),
      collection_period: z.strictObject({ start: isoDate, end: isoDate }).optional(),
      tdm_opt_out: text.optional(),
      illegal_content_measures: text.optional(),
      /**
       * Sources beside the collection's datasets, by the template's kinds. A kind left out is shown
       * as "not stated", never as "not used".
       */
      source_kinds: z
        .strictObject({
          /** §2.2.1: datasets licensed commercially from rightsholders or their representatives. */
          commercially_licensed: dataSourceKindSchema.optional(),
          /** §2.2.2: private datasets obtained from other third parties. */
          private_third_party: dataSourceKindSchema.optional(),
          /** §2.3: data crawled or scraped by the provider or on its behalf. */
          crawled: dataSourceKindSchema.optional(),
          /** §2.4: data from users' interactions with the model or the provider's services. */
          user_data: dataSourceKindSchema.optional(),
          /** §2.5: synthetic data generated by the provider or on its behalf. */
          synthetic: dataSourceKindSchema.optional(),
          /** §2.6: anything else. */
          other: dataSourceKindSchema.optional(),
        })
        .optional(),
    })
    .optional(),
  compute: z
    .strictObject({
      flop: positive.optional(),
      method: text.optional(),
      gpu_hours: positive.optional(),
      hpc_system: text.optional(),
      training_time: text.optional(),
    })
    .optional(),
  energy: z
    .strictObject({
      kwh: positive.optional(),
      method: text.optional(),
      /** Estimated emissions in grams of CO2 equivalent (the unit of the Hub's `co2_eq_emissions`). */
      co2_eq_grams: positive.optional(),
    })
    .optional(),
  evaluations: z.array(evaluationSchema).optional(),
  /** Annex XI §2, required only of models with systemic risk. */
  systemic_risk: z
    .strictObject({ evaluation_strategies: text.optional(), adversarial_testing: text.optional(), system_architecture: text.optional() })
    .optional(),
  openness: z.array(opennessComponentSchema).optional(),
});

export type ModelCardFrontMatter = z.infer<typeof modelCardFrontMatterSchema>;
