import type { Audience, Completeness, FieldStatus } from '../ai-act-completeness.ts';
import type { ModelCardFrontMatter } from '../card-schema.ts';
import type { ComputeClassification } from '../compute-thresholds.ts';
import { bullets, formatCount, joinBlocks, linkIfUrl } from './markdown.ts';

type Lines = (string | false | null | undefined)[];
type FieldWriter = (card: ModelCardFrontMatter) => Lines;

const line = (label: string, value: string | number | null | undefined) => (value === undefined || value === null || value === '' ? null : `**${label}:** ${value}`);
const list = (label: string, values: readonly string[] | undefined) => (values?.length ? `**${label}:**\n\n${bullets(values, '')}` : null);

/**
 * What the card says for each documentation field, keyed like ANNEX_XI_XII_FIELDS and
 * ANNEX_XI_SECTION_2_FIELDS; a test keeps the keys equal.
 */
export const ANNEX_FIELD_WRITERS: Record<string, FieldWriter> = {
  intended_tasks: (card) => [list('Intended tasks', card.intended_uses), list('AI systems it can be integrated into', card.integration_types), list('Prohibited uses', card.prohibited_uses)],
  acceptable_use_policy: (card) => [card.acceptable_use_policy && linkIfUrl(card.acceptable_use_policy)],
  release: (card) => [line('Date of release', card.release?.date), list('Methods of distribution', card.release?.channels)],
  architecture: (card) => [
    line('Architecture', card.architecture?.type),
    line('Parameters', card.architecture?.parameters && formatCount(card.architecture.parameters)),
    card.architecture?.details,
  ],
  modalities: (card) => [line('Input', card.modalities?.input?.join(', ')), line('Output', card.modalities?.output?.join(', ')), line('Format', card.modalities?.format)],
  licence: (card) => [
    line('Licence', card.licence?.id),
    line('Text', card.licence?.url && linkIfUrl(card.licence.url)),
    card.licence?.restricted_to_eligible_actors && 'Reserved to eligible European actors.',
  ],
  interaction: (card) => [card.integration?.interacts_with],
  software_versions: (card) => [list('Software', card.integration?.software?.map((software) => `${software.name} ${software.version}`))],
  technical_means: (card) => [card.integration?.technical_means, line('Hardware', card.integration?.hardware)],
  input_size: (card) => [line('Context window', card.architecture?.context_window && `${formatCount(card.architecture.context_window)} tokens`)],
  design_specifications: (card) => [line('Training methods', card.training?.methods), line('Key design choices', card.training?.design_choices), line('Objective', card.training?.objective)],
  training_data: (card) => {
    const data = card.data;
    return [
      line('Collection cycle', data?.collection && `\`${data.collection}\``),
      line('Type', data?.types?.join(', ')),
      line('Provenance', data?.provenance),
      line('Curation methodologies', data?.curation),
      line('Data points', data?.data_points),
      line('Scope and main characteristics', data?.scope),
      line('Measures against unsuitable data', data?.unsuitability_measures),
      line('Bias detection', data?.bias_detection),
      line('Collection period', data?.collection_period && `${data.collection_period.start} to ${data.collection_period.end}`),
    ];
  },
  computational_resources: (card) => [
    line('Training compute', card.compute?.flop !== undefined ? `${card.compute.flop.toExponential(2)} FLOP` : null),
    line('Estimation method', card.compute?.method),
    line('GPU hours', card.compute?.gpu_hours),
    line('HPC system', card.compute?.hpc_system),
    line('Training time', card.compute?.training_time),
  ],
  energy: (card) => [line('Energy', card.energy?.kwh !== undefined ? `${card.energy.kwh} kWh` : null), line('Method', card.energy?.method)],
  evaluation_strategies: (card) => [
    card.systemic_risk?.evaluation_strategies,
    line('Evaluation results in the card', card.evaluations?.length ? `${card.evaluations.length}` : null),
  ],
  adversarial_testing: (card) => [card.systemic_risk?.adversarial_testing],
  system_architecture: (card) => [card.systemic_risk?.system_architecture],
};

const AUDIENCE: Record<Audience, string> = { ai_office: 'the AI Office', downstream_providers: 'downstream providers' };

export type AnnexDocumentationInput = {
  card: ModelCardFrontMatter;
  revision: string;
  completeness: Completeness;
  compute: ComputeClassification;
  /** Absolute URL of the training summary export, when it can be generated. */
  trainingSummaryUrl: string | null;
};

/**
 * The Annex XI (technical documentation, for the AI Office) and Annex XII (information for
 * downstream providers) file of a card: every field of the completeness list with the points it
 * serves, for whom, and what the card says — or a clear MISSING mark.
 */
export function renderAnnexDocumentation({ card, revision, completeness, compute, trainingSummaryUrl }: AnnexDocumentationInput): string {
  const section1 = completeness.fields.filter((field) => !field.articles.some((article) => article.startsWith('Annex XI §2')));
  const section2 = completeness.fields.filter((field) => field.articles.some((article) => article.startsWith('Annex XI §2')));
  const present = completeness.fields.filter((field) => field.present).length;
  return `${joinBlocks([
    `# ${card.name}: technical documentation (AI Act Annex XI) and information for downstream providers (Annex XII)`,
    card.example && '> **Example.** This documents a demo model that does not exist.',
    `Model \`${card.model}\`, card revision \`${revision}\`, status ${card.status}.`,
    completeness.complete
      ? `**All ${completeness.fields.length} fields are documented.**`
      : `**${present} of ${completeness.fields.length} fields are documented. Missing:** ${completeness.missing.map((field) => `${field.label} (${field.articles.join(', ')})`).join('; ')}.`,
    '## Annex XI §1 and Annex XII: every general-purpose AI model',
    ...section1.map((field, index) => fieldSection(card, field, `${index + 1}`)),
    '## Annex XI §2: models with systemic risk',
    section2.length > 0
      ? joinBlocks(section2.map((field, index) => fieldSection(card, field, `§2.${index + 1}`)))
      : `Not required: ${compute.duties.join(' ')}`,
    '## Public summary of training content (Art. 53(1)(d))',
    trainingSummaryUrl ? `<${trainingSummaryUrl}>` : 'Generated once the linked collection cycle has been imported.',
  ])}\n`;
}

function fieldSection(card: ModelCardFrontMatter, field: FieldStatus, number: string): string {
  const written = (ANNEX_FIELD_WRITERS[field.key]?.(card) ?? []).filter((entry): entry is string => typeof entry === 'string' && entry !== '');
  return joinBlocks([
    `### ${number}. ${field.label}`,
    `_Serves ${field.articles.join(', ')}; for ${field.audiences.map((audience) => AUDIENCE[audience]).join(' and ')}._`,
    field.present ? '**Status:** documented.' : '**Status: MISSING.** The card does not document this field yet.',
    ...written,
  ]);
}
