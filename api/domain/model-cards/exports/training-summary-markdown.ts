import { bullets, formatCount, formatShare, joinBlocks, link, plain, table } from './markdown.ts';
import { TEXT_SIZE_BANDS, type SourceKindStatement, type SummaryDataset, type TrainingSummary } from './training-summary.ts';

const NOT_STATED = '_Not stated in the model card._';

/**
 * The summary as Markdown, with the template's numbered sections and questions, so that it can be
 * published as is; the same figures as the JSON form.
 */
export function renderTrainingSummaryMarkdown(summary: TrainingSummary): string {
  const { model, collection, template } = summary;
  return `${joinBlocks([
    `# ${template.title}`,
    `Required by ${template.legalBasis}; structured as the ${template.publisher}'s template (${template.version}).`,
    model.isExample && '> **Example.** This summary documents a demo model that does not exist.',
    table(['', ''], [
      ['Model', `${model.name} (\`${model.id}\`)`],
      ['Model card revision', `\`${model.cardRevision}\``],
      ['Training-data collection', `${plain(collection.name)} (cycle \`${collection.cycle}\`${collection.date ? `, ${collection.date}` : ''}), as imported ${collection.updatedAt}`],
      ['Tokenizer used for the counts', collection.tokenizer ? `\`${collection.tokenizer}\`` : null],
    ]),
    generalInformation(summary),
    dataSources(summary),
    dataProcessing(summary),
  ])}\n`;
}

function generalInformation({ generalInformation: info }: TrainingSummary): string {
  const { provider, modelIdentification: id } = info;
  const period = info.collectionPeriod;
  return joinBlocks([
    '## 1. General information',
    '### 1.1. Provider identification',
    `**Provider name and contact details:** ${[provider.name, provider.contact].filter(Boolean).join(', ') || NOT_STATED}`,
    '**Authorised representative name and contact details:** _Not stated in the model card._',
    '### 1.2. Model identification',
    `**Versioned model name(s):** ${id.versionedModelName}`,
    `**Model dependencies:** ${id.dependencies.length ? id.dependencies.join(', ') : 'None stated (no base model).'}`,
    `**Date of placement of the model on the Union market:** ${id.placedOnMarket ?? NOT_STATED}`,
    '### 1.3. Modalities, overall training data size and other characteristics',
    table(
      ['Modality', 'Training data size', 'Types of content'],
      info.modalities.map((modality) => [
        'Text',
        `${TEXT_SIZE_BANDS.map((band) => `${band === modality.sizeBand ? '☒' : '☐'} ${band}`).join(' ')} (${formatCount(modality.tokens)} release tokens in the data mix)`,
        modality.typesOfContent.join(', '),
      ]),
    ),
    `**Latest date of data acquisition/collection for model training:** ${period ? `${monthYear(period.end)} (collection period ${period.start} to ${period.end})` : NOT_STATED}`,
    '**Description of the linguistic characteristics of the overall training data:** tokens per language of the data mix, counted with the collection\'s tokenizer (release: after filtering; source: as collected).',
    table(
      ['Language', 'ISO 639-3', 'ISO 639-1', 'Target', 'Release tokens', 'Source tokens', 'Share of mix'],
      info.languages.map((language) => [
        language.name,
        language.code,
        language.iso6391,
        language.isModelTarget ? 'yes' : 'no',
        formatCount(language.releaseTokens),
        formatCount(language.sourceTokens),
        formatShare(language.share),
      ]),
    ),
    `**Other relevant characteristics of the overall training data:** source code: ${formatCount(info.otherCharacteristics.codeTokens)} release tokens; content of unknown language: ${formatCount(info.otherCharacteristics.unassignedTokens)} release tokens.${info.otherCharacteristics.statedScope ? ` Scope: ${info.otherCharacteristics.statedScope}.` : ''}${info.otherCharacteristics.statedDataPoints ? ` Data points used in training: ${info.otherCharacteristics.statedDataPoints}.` : ''}`,
  ]);
}

function dataSources({ dataSources: sources }: TrainingSummary): string {
  return joinBlocks([
    '## 2. List of data sources',
    '### 2.1. Publicly available datasets',
    `**Have you used publicly available datasets to train the model?** ${sources.publicDatasets.used ? 'Yes' : 'No'}`,
    sources.publicDatasets.used && '**Modality:** text',
    sources.publicDatasets.used && datasetTable(sources.publicDatasets.datasets),
    '### 2.2. Private non-publicly available datasets obtained from third parties',
    '#### 2.2.1. Datasets commercially licensed by rightsholders or their representatives',
    kind('Have you concluded transactional commercial licensing agreement(s) with rightsholder(s) or with their representatives?', sources.commerciallyLicensed),
    '#### 2.2.2. Private datasets obtained from other third parties',
    kind('Have you obtained private datasets from third parties that are not licensed as described in Section 2.2.1?', sources.privateThirdParty),
    sources.privateThirdParty.datasets.length > 0 && datasetTable(sources.privateThirdParty.datasets),
    '### 2.3. Data crawled and scraped from online sources',
    kind('Were crawlers used by the provider or on its behalf?', sources.crawled),
    '### 2.4. User data',
    kind('Was data from user interactions with the AI model or with the provider\'s other services used to train the model?', sources.userData),
    '### 2.5. Synthetic data',
    kind('Was synthetic AI-generated data created by the provider or on its behalf to train the model?', sources.synthetic),
    '### 2.6. Other sources of data',
    kind('Have data sources other than those described in Sections 2.1 to 2.5 been used to train the model?', sources.other),
  ]);
}

function dataProcessing({ dataProcessing: processing }: TrainingSummary): string {
  return joinBlocks([
    '## 3. Data processing aspects',
    '### 3.1. Respect of reservation of rights from text and data mining exception or limitation',
    `**Measures implemented to respect reservations of rights (opt-outs) before and during data collection:** ${processing.tdmOptOut ?? NOT_STATED}`,
    '### 3.2. Removal of illegal content',
    `**General description of measures taken:** ${processing.illegalContent ?? NOT_STATED}`,
    '### 3.3. Other information',
    bullets(processing.other, NOT_STATED),
  ]);
}

function datasetTable(datasets: readonly SummaryDataset[]): string {
  return table(
    ['Dataset', 'Licence', 'Redistribution', 'Content', 'Release tokens in the mix', 'Share of mix'],
    datasets.map((dataset) => [
      link(dataset.name, dataset.link),
      dataset.licence ? link(dataset.licence, dataset.licenceSource) : 'not verified',
      dataset.redistributable === null ? 'not assessed' : dataset.redistributable ? 'redistributable' : 'inspection on request',
      dataset.content ?? 'unknown',
      formatCount(dataset.releaseTokens),
      formatShare(dataset.share),
    ]),
  );
}

function kind(question: string, statement: SourceKindStatement): string {
  const answer = statement.used === null ? NOT_STATED : statement.used ? 'Yes' : 'No';
  return joinBlocks([`**${question}** ${answer}`, statement.description]);
}

/** `2025-12-31` → `12/2025`, the template's MM/YYYY. */
function monthYear(date: string): string {
  return `${date.slice(5, 7)}/${date.slice(0, 4)}`;
}
