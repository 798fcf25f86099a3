import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// ajv comes with the OpenAPI validator among the dev dependencies; tests only.
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../../api/cli.ts';
import { ANNEX_XI_XII_FIELDS } from '../../api/domain/model-cards/ai-act-completeness.ts';
import { HUB_CO2_KEYS, HUB_LICENCE_IDS, HUB_MODEL_CARD_KEYS, HUB_MODEL_INDEX_KEYS } from '../../api/domain/model-cards/exports/hub-vocabulary.ts';
import { formatCount } from '../../api/domain/model-cards/exports/markdown.ts';
import { readMotModel } from '../../api/domain/openness/read-mot-model.ts';
import { listCollections } from '../../api/services/collections/collection-views.ts';
import { importCollection } from '../../api/services/collections/import-collection.ts';
import { getCollectionCoverage, getModelCoverage } from '../../api/services/collections/coverage.ts';
import { systemActor } from '../../api/services/context.ts';
import { CARD_EXPORT_FORMATS, exportModelCard, getTrainingSummary } from '../../api/services/model-cards/card-exports.ts';
import { trainingSummarySchema } from '../../api/services/model-cards/card-view-schemas.ts';
import { getModelCard } from '../../api/services/model-cards/model-cards.ts';
import { loadLanguageDirectory } from '../../api/services/model-cards/load-cards.ts';
import { createTestHub, type TestHub } from '../helpers/app.ts';
import { BABY_DIR } from '../helpers/collection.ts';

const MODEL = 'agora-demo-1b-v0-1';
const BASE_URL = 'https://agora.example.eu';
const MOF_SCHEMA = fileURLToPath(new URL('../fixtures/mof/mof_schema.json', import.meta.url));

let hub: TestHub;
beforeAll(async () => {
  hub = await createTestHub();
  await importCollection(hub.services, { actor: systemActor('test'), input: { dir: BABY_DIR } });
});
afterAll(() => hub.close());

const exportOf = async (format: string) => (await exportModelCard(hub.services, MODEL, format, { baseUrl: BASE_URL })).body;

/** Splits a README into its YAML metadata and its Markdown. */
function splitReadme(text: string): { metadata: Record<string, unknown>; markdown: string } {
  const match = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error('no metadata block');
  return { metadata: parse(match[1]!) as Record<string, unknown>, markdown: match[2]! };
}

/** Every key of `value` not in `allowed`. */
const unknownKeys = (value: object, allowed: readonly string[]) => Object.keys(value).filter((key) => !allowed.includes(key));

describe('Hugging Face README export of the example card', () => {
  it('has metadata that parses and uses only keys the Hub defines', async () => {
    const { metadata } = splitReadme(await exportOf('huggingface-readme'));
    expect(unknownKeys(metadata, HUB_MODEL_CARD_KEYS)).toEqual([]);
    const index = metadata['model-index'] as { name: string; results: Record<string, Record<string, unknown> | Record<string, unknown>[]>[] }[];
    expect(index).toHaveLength(1);
    expect(unknownKeys(index[0]!, HUB_MODEL_INDEX_KEYS.entry)).toEqual([]);
    expect(index[0]!.results).toHaveLength(2);
    for (const result of index[0]!.results) {
      expect(unknownKeys(result, HUB_MODEL_INDEX_KEYS.result)).toEqual([]);
      expect(unknownKeys(result.task!, HUB_MODEL_INDEX_KEYS.task)).toEqual([]);
      expect(unknownKeys(result.dataset!, HUB_MODEL_INDEX_KEYS.dataset)).toEqual([]);
      for (const metric of result.metrics as Record<string, unknown>[]) expect(unknownKeys(metric, HUB_MODEL_INDEX_KEYS.metric)).toEqual([]);
    }
    expect(unknownKeys(metadata.co2_eq_emissions as object, HUB_CO2_KEYS)).toEqual([]);
    expect(HUB_LICENCE_IDS).toContain(metadata.license);
    expect(metadata).toMatchObject({ license: 'apache-2.0', library_name: 'transformers', pipeline_tag: 'text-generation', metrics: ['perplexity'] });
  });

  it('writes languages as ISO 639-1 codes where they exist, falling back to ISO 639-3', async () => {
    const { metadata } = splitReadme(await exportOf('huggingface-readme'));
    const directory = await loadLanguageDirectory(hub.services);
    const card = (await getModelCard(hub.services, MODEL)).frontMatter;
    expect(metadata.language).toEqual(card.languages.map((code) => directory.get(code)?.iso6391 ?? code));
    expect(metadata.language).toContain('lv'); // the card says lvs (Standard Latvian)
    for (const code of metadata.language as string[]) expect(code).toMatch(/^[a-z]{2}$/);
    const index = metadata['model-index'] as { results: { dataset: { args: { language: string } } }[] }[];
    expect(index[0]!.results.map((result) => result.dataset.args.language)).toEqual(['mt', 'de']);
  });

  it('lists the collection\'s Hub datasets and links the other exports', async () => {
    const { metadata, markdown } = splitReadme(await exportOf('huggingface-readme'));
    expect(metadata.datasets).toContain('mlfoundations/dclm-baseline-1.0');
    expect(metadata.datasets).not.toContain(null);
    expect(markdown).toContain(`(${BASE_URL}/api/v1/models/${MODEL}/card/exports/training-summary)`);
    expect(markdown).toContain(`(${BASE_URL}/api/v1/models/${MODEL}/card/exports/annex-xi-xii)`);
    for (const heading of ['## Model summary', '## Model details', '### Intended uses', '### Out-of-scope and prohibited uses', '### Training data', '### Evaluation', '### Compute and energy', '### Licence', '### EU AI Act', '### Openness (Model Openness Framework)'])
      expect(markdown).toContain(`${heading}\n`);
  });
});

describe('Model Openness Tool export of the example card', () => {
  it('validates against mof_schema.json and reads as a file the evaluator accepts', async () => {
    const file = parse(await exportOf('mot'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajvFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(MOF_SCHEMA, 'utf8')));
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    expect(readMotModel(file).valid).toBe(true);
  });

  it('classifies with `agora openness` exactly as the card\'s computed class', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agora-mot-'));
    try {
      const path = join(dir, `${MODEL}.mot.yml`);
      writeFileSync(path, await exportOf('mot'));
      const out: string[] = [];
      expect(await runCli(['openness', path, '--json'], {}, { out: (line) => out.push(line), err: () => {} })).toBe(0);
      const { openness } = (await getModelCard(hub.services, MODEL)).compliance;
      expect(JSON.parse(out.join('\n'))).toEqual({ class: openness.class, label: openness.label, progress: openness.progress });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('public summary of training content of the example card', () => {
  it('gives per-language token figures equal to the imported collection\'s coverage', async () => {
    const summary = trainingSummarySchema.parse(JSON.parse(await exportOf('training-summary.json')));
    const coverage = await getCollectionCoverage(hub.services, 'baby');
    const withData = [...coverage.languages, ...coverage.otherLanguages].filter((language) => language.weight > 0);
    expect(summary.generalInformation.languages.map((language) => language.code)).toEqual(withData.map((language) => language.code));
    for (const language of summary.generalInformation.languages) {
      const covered = withData.find((candidate) => candidate.code === language.code)!;
      expect([language.releaseTokens, language.sourceTokens, language.share]).toEqual([covered.releaseTokens, covered.sourceTokens, covered.share]);
    }
    // The model's own coverage view agrees for its target languages.
    const model = await getModelCoverage(hub.services, MODEL);
    for (const language of model.languages.filter((row) => row.weight > 0))
      expect(summary.generalInformation.languages.find((row) => row.code === language.code)).toMatchObject({ releaseTokens: language.releaseTokens, isModelTarget: true });
  });

  it('writes the same figures in the Markdown, in the template\'s sections', async () => {
    const markdown = await exportOf('training-summary');
    const summary = await getTrainingSummary(hub.services, MODEL);
    for (const language of summary.generalInformation.languages)
      expect(markdown).toMatch(new RegExp(`\\| ${language.name} \\| ${language.code} \\|[^\\n]*\\| ${formatCount(language.releaseTokens)} \\| ${formatCount(language.sourceTokens)} \\|`));
    const headings = [
      '## 1. General information', '### 1.1. Provider identification', '### 1.2. Model identification',
      '### 1.3. Modalities, overall training data size and other characteristics', '## 2. List of data sources',
      '### 2.1. Publicly available datasets', '### 2.2. Private non-publicly available datasets obtained from third parties',
      '### 2.3. Data crawled and scraped from online sources', '### 2.4. User data', '### 2.5. Synthetic data',
      '### 2.6. Other sources of data', '## 3. Data processing aspects',
      '### 3.1. Respect of reservation of rights from text and data mining exception or limitation',
      '### 3.2. Removal of illegal content', '### 3.3. Other information',
    ];
    const positions = headings.map((heading) => markdown.indexOf(`\n${heading}\n`));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('sizes the data mix in the template\'s band and lists the datasets with their card licences', async () => {
    const summary = await getTrainingSummary(hub.services, MODEL);
    const [collection] = (await listCollections(hub.services, { limit: 10 })).items;
    expect(summary.generalInformation.modalities).toEqual([expect.objectContaining({ modality: 'text', tokens: collection!.releaseTokens })]);
    expect(summary.generalInformation.modalities[0]!.sizeBand).toBe(collection!.releaseTokens <= 1e13 ? '1 billion to 10 trillion tokens' : 'More than 10 trillion tokens');
    const dclm = summary.dataSources.publicDatasets.datasets.find((dataset) => dataset.id === 'dclm-1.0');
    expect(dclm).toMatchObject({ licence: 'CC-BY-4.0', redistributable: true, link: expect.stringContaining('huggingface.co') });
    expect(summary.dataSources.synthetic.used).toBe(true);
    expect(summary.dataProcessing.tdmOptOut).toMatch(/robots\.txt/);
  });
});

describe('Annex XI/XII documentation of the example card', () => {
  it('lists all 14 fields with their articles and the card\'s content', async () => {
    const markdown = await exportOf('annex-xi-xii');
    for (const field of ANNEX_XI_XII_FIELDS) {
      expect(markdown).toContain(`. ${field.label}\n`);
      expect(markdown).toContain(field.articles.join(', '));
    }
    expect(markdown.match(/\*\*Status:\*\* documented\./g)).toHaveLength(14);
    expect(markdown).toContain('All 14 fields are documented.');
    expect(markdown).toContain('https://example.org/agora-demo/acceptable-use');
  });
});

describe('every export', () => {
  it.each(CARD_EXPORT_FORMATS)('%s ends with one newline and names its file', async (format) => {
    const exported = await exportModelCard(hub.services, MODEL, format, { baseUrl: BASE_URL });
    expect(exported.body.endsWith('\n') && !exported.body.endsWith('\n\n')).toBe(true);
    expect(exported.filename).toMatch(format === 'huggingface-readme' ? /^README\.md$/ : new RegExp(`^${MODEL}\\.`));
  });
});
