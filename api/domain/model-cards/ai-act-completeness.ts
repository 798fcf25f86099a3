import type { ModelCardFrontMatter } from './card-schema.ts';
import { classifyCompute } from './compute-thresholds.ts';

/** Who reads a documentation field: the AI Office and authorities (Annex XI) or downstream providers (Annex XII). */
export type Audience = 'ai_office' | 'downstream_providers';

export type DocumentationField = {
  key: string;
  label: string;
  /** The points of the Regulation the field serves. */
  articles: string[];
  audiences: Audience[];
  isPresent: (card: ModelCardFrontMatter) => boolean;
};

const has = (value: unknown): boolean =>
  value !== undefined && value !== null && (typeof value !== 'string' || value.trim() !== '') && (!Array.isArray(value) || value.length > 0);

/**
 * The 14 distinct fields Annex XI §1 (technical documentation for the AI Office) and Annex XII
 * (information for downstream providers) ask of every general-purpose model, merged where the two
 * annexes ask the same thing.
 */
export const ANNEX_XI_XII_FIELDS: DocumentationField[] = [
  {
    key: 'intended_tasks',
    label: 'Tasks the model is intended to perform and the AI systems it can be integrated into',
    articles: ['Annex XI §1(1)(a)', 'Annex XII §1(a)'],
    audiences: ['ai_office', 'downstream_providers'],
    isPresent: (card) => has(card.intended_uses) && has(card.integration_types),
  },
  {
    key: 'acceptable_use_policy',
    label: 'Acceptable-use policy',
    articles: ['Annex XI §1(1)(b)', 'Annex XII §1(b)'],
    audiences: ['ai_office', 'downstream_providers'],
    isPresent: (card) => has(card.acceptable_use_policy),
  },
  {
    key: 'release',
    label: 'Date of release and methods of distribution',
    articles: ['Annex XI §1(1)(c)', 'Annex XII §1(c)'],
    audiences: ['ai_office', 'downstream_providers'],
    isPresent: (card) => has(card.release?.date) && has(card.release?.channels),
  },
  {
    key: 'architecture',
    label: 'Architecture and number of parameters',
    articles: ['Annex XI §1(1)(d)', 'Annex XII §1(f)'],
    audiences: ['ai_office', 'downstream_providers'],
    isPresent: (card) => has(card.architecture?.type) && has(card.architecture?.parameters),
  },
  {
    key: 'modalities',
    label: 'Modality and format of inputs and outputs',
    articles: ['Annex XI §1(1)(e)', 'Annex XII §1(g)'],
    audiences: ['ai_office', 'downstream_providers'],
    isPresent: (card) => has(card.modalities?.input) && has(card.modalities?.output) && has(card.modalities?.format),
  },
  {
    key: 'licence',
    label: 'Licence',
    articles: ['Annex XI §1(1)(f)', 'Annex XII §1(h)'],
    audiences: ['ai_office', 'downstream_providers'],
    isPresent: (card) => has(card.licence?.id),
  },
  {
    key: 'interaction',
    label: 'How the model interacts with hardware or software that is not part of it',
    articles: ['Annex XII §1(d)'],
    audiences: ['downstream_providers'],
    isPresent: (card) => has(card.integration?.interacts_with),
  },
  {
    key: 'software_versions',
    label: 'Versions of the relevant software for using the model',
    articles: ['Annex XII §1(e)'],
    audiences: ['downstream_providers'],
    isPresent: (card) => has(card.integration?.software),
  },
  {
    key: 'technical_means',
    label: 'Technical means required to integrate the model (instructions of use, infrastructure, tools)',
    articles: ['Annex XI §1(2)(a)', 'Annex XII §2(a)'],
    audiences: ['ai_office', 'downstream_providers'],
    isPresent: (card) => has(card.integration?.technical_means),
  },
  {
    key: 'input_size',
    label: 'Maximum size of inputs and outputs (context window)',
    articles: ['Annex XII §2(b)'],
    audiences: ['downstream_providers'],
    isPresent: (card) => has(card.architecture?.context_window),
  },
  {
    key: 'design_specifications',
    label: 'Design specifications and training process: methodologies, techniques, key design choices',
    articles: ['Annex XI §1(2)(b)'],
    audiences: ['ai_office'],
    isPresent: (card) => has(card.training?.methods) && has(card.training?.design_choices),
  },
  {
    key: 'training_data',
    label: 'Training, testing and validation data: type, provenance, curation, data points, scope, selection, unsuitability and bias measures',
    articles: ['Annex XI §1(2)(c)', 'Annex XII §2(c)'],
    audiences: ['ai_office', 'downstream_providers'],
    isPresent: (card) =>
      ['types', 'provenance', 'curation', 'data_points', 'scope', 'unsuitability_measures', 'bias_detection'].every((key) =>
        has(card.data?.[key as keyof NonNullable<ModelCardFrontMatter['data']>]),
      ),
  },
  {
    key: 'computational_resources',
    label: 'Computational resources used to train the model (FLOP, training time)',
    articles: ['Annex XI §1(2)(d)'],
    audiences: ['ai_office'],
    isPresent: (card) => has(card.compute?.flop) && has(card.compute?.training_time),
  },
  {
    key: 'energy',
    label: 'Known or estimated energy consumption',
    articles: ['Annex XI §1(2)(e)'],
    audiences: ['ai_office'],
    isPresent: (card) => has(card.energy?.kwh),
  },
];

/** Annex XI §2: what models with systemic risk must add. */
export const ANNEX_XI_SECTION_2_FIELDS: DocumentationField[] = [
  {
    key: 'evaluation_strategies',
    label: 'Evaluation strategies and results',
    articles: ['Annex XI §2(1)'],
    audiences: ['ai_office'],
    isPresent: (card) => has(card.systemic_risk?.evaluation_strategies) && has(card.evaluations),
  },
  {
    key: 'adversarial_testing',
    label: 'Adversarial testing (red teaming), model adaptations, alignment and fine-tuning',
    articles: ['Annex XI §2(2)'],
    audiences: ['ai_office'],
    isPresent: (card) => has(card.systemic_risk?.adversarial_testing),
  },
  {
    key: 'system_architecture',
    label: 'System architecture: how the software components build on and feed into each other',
    articles: ['Annex XI §2(3)'],
    audiences: ['ai_office'],
    isPresent: (card) => has(card.systemic_risk?.system_architecture),
  },
];

export type FieldStatus = Omit<DocumentationField, 'isPresent'> & { present: boolean };
export type Completeness = {
  complete: boolean;
  /** True when Annex XI §2 applies (compute at or above 10^25 FLOP). */
  systemicRisk: boolean;
  fields: FieldStatus[];
  missing: FieldStatus[];
};

/**
 * Which Annex XI/XII fields a card documents and which it lacks, each with the points it serves and
 * for whom. Annex XI §2 joins the list when the card's compute reaches the systemic-risk threshold.
 */
export function checkAiActCompleteness(card: ModelCardFrontMatter): Completeness {
  const systemicRisk = classifyCompute(card.compute?.flop).systemicRiskPresumed;
  const required = systemicRisk ? [...ANNEX_XI_XII_FIELDS, ...ANNEX_XI_SECTION_2_FIELDS] : ANNEX_XI_XII_FIELDS;
  const fields = required.map(({ isPresent, ...field }) => ({ ...field, present: isPresent(card) }));
  const missing = fields.filter((field) => !field.present);
  return { complete: missing.length === 0, systemicRisk, fields, missing };
}
