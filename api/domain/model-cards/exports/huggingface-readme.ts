import { OPENNESS_LABELS } from '../../openness/evaluate-openness.ts';
import type { CardCompliance } from '../card-compliance.ts';
import type { ModelCardFrontMatter } from '../card-schema.ts';
import { hubLanguageCode, languageName, type LanguageDirectory } from './export-languages.ts';
import { buildHuggingFaceMetadata, type HuggingFaceMetadata } from './huggingface-metadata.ts';
import { bullets, formatCount, joinBlocks, link, linkIfUrl, table } from './markdown.ts';

export type HuggingFaceReadmeInput = {
  card: ModelCardFrontMatter;
  /** The card's prose (the file below its front matter). */
  body: string;
  /** sha256 of the card file. */
  revision: string;
  languages: LanguageDirectory;
  /** The linked collection's datasets; empty when the collection is not imported. */
  datasets: readonly { name: string; url: string | null; huggingface: string | null }[];
  compliance: CardCompliance;
  /** Absolute URLs of the other exports; the training summary's is null when it cannot be generated. */
  links: { trainingSummary: string | null; annex: string; mot: string };
};

export type HuggingFaceReadme = { metadata: HuggingFaceMetadata; markdown: string };

/**
 * A Hugging Face `README.md`: the Hub metadata (serialised by the caller) and the Markdown — the
 * card's own prose first, then sections generated from its front matter (uses, training data with a
 * link to the public summary, evaluation, compute and energy, licence, AI Act, openness).
 */
export function buildHuggingFaceReadme(input: HuggingFaceReadmeInput): HuggingFaceReadme {
  const { card } = input;
  const metadata = buildHuggingFaceMetadata({
    card,
    languages: input.languages,
    datasetIds: input.datasets.flatMap((dataset) => (dataset.huggingface ? [dataset.huggingface] : [])),
  });
  const markdown = joinBlocks([
    `# ${card.name}`,
    card.example && '> **Example card.** It documents a demo model that does not exist; no figure in it describes a real model.',
    input.body,
    '## Model details',
    detailsTable(input),
    usesSection(card),
    trainingDataSection(input),
    evaluationSection(card, input.languages),
    computeSection(card),
    licenceSection(card),
    aiActSection(input),
    opennessSection(input),
  ]);
  return { metadata, markdown: `${markdown}\n` };
}

function detailsTable({ card, languages, revision }: HuggingFaceReadmeInput): string {
  const architecture = card.architecture;
  const provider = card.provider ? `${card.provider.name}${card.provider.contact ? ` (${card.provider.contact})` : ''}` : null;
  const modalities = card.modalities ? `${card.modalities.input?.join(', ') ?? '?'} → ${card.modalities.output?.join(', ') ?? '?'}${card.modalities.format ? `; ${card.modalities.format}` : ''}` : null;
  return table(['', ''], [
    ['Model id', `\`${card.model}\``],
    ['Family', card.family.name],
    ['Version', card.version],
    ['Status', card.status],
    ['Provider', provider],
    ['Architecture', [architecture?.type, architecture?.parameters && `${formatCount(architecture.parameters)} parameters`].filter(Boolean).join(', ')],
    ['Context window', architecture?.context_window ? `${formatCount(architecture.context_window)} tokens` : null],
    ['Input → output', modalities],
    ['Languages', card.languages.map((code) => `${languageName(languages, code)} (${hubLanguageCode(languages, code)})`).join(', ')],
    ['Release', [card.release?.date, card.release?.channels?.join(', ')].filter(Boolean).join('; ')],
    ['Card revision', `\`${revision}\``],
  ]);
}

function usesSection(card: ModelCardFrontMatter): string {
  const integration = card.integration;
  const software = integration?.software?.map((item) => `${item.name} ${item.version}`).join(', ');
  return joinBlocks([
    '### Intended uses',
    bullets(card.intended_uses, '_Not stated._'),
    card.integration_types && `AI systems it can be integrated into:\n\n${bullets(card.integration_types, '')}`,
    integration?.technical_means && `**How to integrate it:** ${integration.technical_means}`,
    integration?.hardware && `**Hardware:** ${integration.hardware}`,
    software && `**Software:** ${software}`,
    '### Out-of-scope and prohibited uses',
    bullets(card.prohibited_uses, '_Not stated._'),
    card.acceptable_use_policy && `**Acceptable-use policy:** ${linkIfUrl(card.acceptable_use_policy)}`,
  ]);
}

function trainingDataSection({ card, datasets, links }: HuggingFaceReadmeInput): string {
  const data = card.data;
  const period = data?.collection_period ? `${data.collection_period.start} to ${data.collection_period.end}` : null;
  return joinBlocks([
    '### Training data',
    data?.collection && `Training-data collection cycle: \`${data.collection}\`.`,
    links.trainingSummary
      ? `The [public summary of training content](${links.trainingSummary}) (EU AI Act Art. 53(1)(d), the Commission's template) lists every source, its licence and the tokens per language.`
      : 'The public summary of training content is generated once the linked collection cycle has been imported.',
    table(['', ''], [
      ['Types', data?.types?.join(', ')],
      ['Provenance', data?.provenance],
      ['Data points', data?.data_points],
      ['Scope', data?.scope],
      ['Collection period', period],
      ['Curation', data?.curation],
      ['Unsuitable data', data?.unsuitability_measures],
      ['Bias detection', data?.bias_detection],
    ]),
    datasets.length > 0 && `Datasets of the collection:\n\n${bullets(datasets.map((dataset) => link(dataset.name, dataset.url ?? (dataset.huggingface && `https://huggingface.co/datasets/${dataset.huggingface}`))), '')}`,
  ]);
}

function evaluationSection(card: ModelCardFrontMatter, languages: LanguageDirectory): string {
  const rows = (card.evaluations ?? []).flatMap((evaluation) =>
    evaluation.metrics.map((metric) => [
      evaluation.task.name ?? evaluation.task.type,
      [evaluation.dataset.name, evaluation.dataset.split].filter(Boolean).join(', '),
      evaluation.language ? languageName(languages, evaluation.language) : null,
      metric.name ?? metric.type,
      metric.value,
      evaluation.source ? link(evaluation.source.name, evaluation.source.url) : 'self-reported',
    ]),
  );
  return joinBlocks(['### Evaluation', rows.length ? table(['Task', 'Dataset', 'Language', 'Metric', 'Value', 'Source'], rows) : '_No evaluation results are stated._']);
}

function computeSection(card: ModelCardFrontMatter): string {
  const { compute, energy } = card;
  return joinBlocks([
    '### Compute and energy',
    table(['', ''], [
      ['Training compute', compute?.flop !== undefined ? `${compute.flop.toExponential(2)} FLOP` : null],
      ['Estimation method', compute?.method],
      ['GPU hours', compute?.gpu_hours],
      ['HPC system', compute?.hpc_system],
      ['Training time', compute?.training_time],
      ['Energy', energy?.kwh !== undefined ? `${energy.kwh} kWh` : null],
      ['Energy method', energy?.method],
      ['Emissions', energy?.co2_eq_grams !== undefined ? `${energy.co2_eq_grams} g CO2 eq.` : null],
    ]),
  ]);
}

function licenceSection(card: ModelCardFrontMatter): string {
  const licence = card.licence;
  if (!licence) return '### Licence\n\n_No licence is stated._';
  return joinBlocks([
    '### Licence',
    link(licence.id, licence.url),
    licence.restricted_to_eligible_actors && 'The licence is reserved to eligible European actors (established in the EU, the EEA or a Digital Europe associated country and not controlled from a third country).',
  ]);
}

function aiActSection({ compliance, links }: HuggingFaceReadmeInput): string {
  const { aiAct, exemption, compute } = compliance;
  const present = aiAct.fields.filter((field) => field.present).length;
  return joinBlocks([
    '### EU AI Act',
    `**Documentation (Annex XI §1, Annex XII${aiAct.systemicRisk ? ', Annex XI §2' : ''}):** ${present} of ${aiAct.fields.length} fields documented${aiAct.complete ? '.' : `; missing: ${aiAct.missing.map((field) => `${field.label} (${field.articles.join(', ')})`).join('; ')}.`} See the [Annex XI/XII documentation](${links.annex}).`,
    `**Training compute:** ${compute.duties.join(' ')}`,
    `**Open-source exemption (Art. 53(2)):** ${exemption.canApply ? 'can apply' : 'cannot apply'}.\n\n${bullets(exemption.reasons.map((reason) => `${reason.ok ? '✓' : '✗'} ${reason.message}`), '')}`,
    links.trainingSummary && `**Public summary of training content (Art. 53(1)(d)):** [training summary](${links.trainingSummary}).`,
  ]);
}

function opennessSection({ compliance, links }: HuggingFaceReadmeInput): string {
  const { openness } = compliance;
  const progress = ([3, 2, 1] as const).map((mofClass) => [OPENNESS_LABELS[mofClass], `${Math.round(openness.progress[`${mofClass}`])} %`]);
  // The class to work towards next: III from unclassified, then II, then I.
  const next = openness.class === 1 ? null : openness.class === 0 ? 3 : ((openness.class - 1) as 1 | 2);
  const stillNeeded = next === null ? [] : openness.missing[`${next}`];
  return joinBlocks([
    '### Openness (Model Openness Framework)',
    `**Class:** ${openness.label}, as the Model Openness Tool classifies the [MOT model file](${links.mot}) exported from this card.`,
    table(['Class', 'Progress'], progress),
    next !== null && stillNeeded.length > 0 && `Still needed for ${OPENNESS_LABELS[next]}: ${stillNeeded.join(', ')}.`,
    openness.ignoredComponents.length > 0 && `Not counted (not a framework component name): ${openness.ignoredComponents.join(', ')}.`,
  ]);
}
