import { describe, expect, it } from 'vitest';
import { ANNEX_XI_SECTION_2_FIELDS, ANNEX_XI_XII_FIELDS, checkAiActCompleteness } from '../ai-act-completeness.ts';
import { modelCardFrontMatterSchema } from '../card-schema.ts';
import { classifyCompute } from '../compute-thresholds.ts';
import { ANNEX_FIELD_WRITERS, renderAnnexDocumentation } from './annex-documentation.ts';
import { buildHuggingFaceMetadata } from './huggingface-metadata.ts';
import { HUB_LICENCE_IDS, hubPipelineTag, toHubLicence } from './hub-vocabulary.ts';
import { buildCardMotFile } from './mot-export.ts';
import { link } from './markdown.ts';
import { textSizeBand } from './training-summary.ts';

const card = (extra: Record<string, unknown> = {}) =>
  modelCardFrontMatterSchema.parse({ model: 'm-1', family: { id: 'm', name: 'M' }, version: '1', name: 'M 1', status: 'planned', ...extra });

describe('toHubLicence', () => {
  it.each([
    ['Apache-2.0', { license: 'apache-2.0' }],
    ['MIT', { license: 'mit' }],
    ['CC-BY-4.0', { license: 'cc-by-4.0' }],
    ['CC0-1.0', { license: 'cc0-1.0' }],
    ['ODC-By-1.0', { license: 'odc-by' }],
    ['GPL-3.0-only', { license: 'gpl-3.0' }],
    ['EUPL-1.2', { license: 'other', license_name: 'eupl-1.2', license_link: 'LICENSE' }],
    ['OEL Model Licence 1.0', { license: 'other', license_name: 'oel-model-licence-1.0', license_link: 'LICENSE' }],
    ['Other', { license: 'other', license_name: 'other', license_link: 'LICENSE' }],
  ])('%s → %o', (id, expected) => {
    expect(toHubLicence({ id })).toEqual(expected);
  });

  it('links a licence the Hub does not list to its text', () => {
    expect(toHubLicence({ id: 'EUPL-1.2', url: 'https://eupl.eu/1.2/en' })).toMatchObject({ license: 'other', license_link: 'https://eupl.eu/1.2/en' });
  });

  it('only ever answers an identifier of the Hub\'s table', () => {
    for (const id of ['Apache-2.0', 'BSD-3-Clause', 'LGPL-2.1-or-later', 'x']) expect(HUB_LICENCE_IDS).toContain(toHubLicence({ id }).license);
  });
});

describe('hubPipelineTag', () => {
  it.each([
    [['text'], ['text'], 'text-generation'],
    [['text', 'image'], ['text'], 'image-text-to-text'],
    [['audio'], ['text'], 'automatic-speech-recognition'],
    [['video'], ['text'], undefined],
  ])('%o → %o: %s', (input, output, tag) => {
    expect(hubPipelineTag(input, output)).toBe(tag);
  });
});

describe('buildHuggingFaceMetadata', () => {
  const languages = new Map([
    ['lvs', { code: 'lvs', name: 'Latvian', iso6391: 'lv' }],
    ['ltg', { code: 'ltg', name: 'Latgalian', iso6391: null }],
  ]);

  it('writes ISO 639-1 codes where they exist and 639-3 otherwise', () => {
    expect(buildHuggingFaceMetadata({ card: card({ languages: ['lvs', 'ltg'] }), languages, datasetIds: [] }).language).toEqual(['lv', 'ltg']);
  });

  it('leaves out what the card does not state', () => {
    const metadata = buildHuggingFaceMetadata({ card: card(), languages, datasetIds: [] });
    expect(metadata).toEqual({ tags: ['m'] });
  });

  it('writes emissions only when the card states them, and a fine-tune as such', () => {
    const metadata = buildHuggingFaceMetadata({ card: card({ base_model: 'org/base', energy: { kwh: 2, co2_eq_grams: 500 } }), languages, datasetIds: [] });
    expect(metadata).toMatchObject({ base_model: 'org/base', co2_eq_emissions: { emissions: 500, training_type: 'fine-tuning' } });
    expect(buildHuggingFaceMetadata({ card: card({ energy: { kwh: 2 } }), languages, datasetIds: [] }).co2_eq_emissions).toBeUndefined();
  });
});

describe('buildCardMotFile', () => {
  it('leaves out components the card excludes or names unlike the framework, and says which', () => {
    const { file, ignoredComponents } = buildCardMotFile(
      card({
        licence: { id: 'MIT' },
        openness: [
          { name: 'Model architecture', licence: 'MIT' },
          { name: 'Weights', licence: 'MIT' },
          { name: 'Training code', included: false },
          { name: 'Model card' },
        ],
      }),
    );
    expect(file.release.components.map((component) => component.name)).toEqual(['Model architecture', 'Model card']);
    expect(file.release.components[1]).not.toHaveProperty('license');
    expect(file.release.license).toEqual({ distribution: { name: 'MIT', path: null } });
    expect(ignoredComponents).toEqual(['Weights']);
  });
});

describe('textSizeBand', () => {
  it.each([
    [0, 'Less than 1 billion tokens'],
    [999_999_999, 'Less than 1 billion tokens'],
    [1e9, '1 billion to 10 trillion tokens'],
    [1e13, '1 billion to 10 trillion tokens'],
    [1e13 + 1, 'More than 10 trillion tokens'],
  ])('%d tokens → %s', (tokens, band) => {
    expect(textSizeBand(tokens)).toBe(band);
  });
});

describe('ANNEX_FIELD_WRITERS', () => {
  it('writes every documentation field and no other', () => {
    expect(Object.keys(ANNEX_FIELD_WRITERS).sort()).toEqual([...ANNEX_XI_XII_FIELDS, ...ANNEX_XI_SECTION_2_FIELDS].map((field) => field.key).sort());
  });
});

describe('renderAnnexDocumentation', () => {
  const render = (extra: Record<string, unknown>) => {
    const front = card(extra);
    return renderAnnexDocumentation({ card: front, revision: 'r1', completeness: checkAiActCompleteness(front), compute: classifyCompute(front.compute?.flop), trainingSummaryUrl: null });
  };

  it('marks every field of an empty card MISSING and says Annex XI §2 does not apply below 10^25 FLOP', () => {
    const text = render({});
    expect(text.match(/\*\*Status: MISSING\.\*\*/g)).toHaveLength(14);
    expect(text).toContain('0 of 14 fields are documented.');
    expect(text).toMatch(/## Annex XI §2: models with systemic risk\n\nNot required: /);
  });

  it('adds the Annex XI §2 fields at the systemic-risk threshold', () => {
    const text = render({ compute: { flop: 2e25 }, systemic_risk: { adversarial_testing: 'Red-teamed by partners.' } });
    expect(text).toContain('1 of 17 fields are documented.');
    for (const field of ANNEX_XI_SECTION_2_FIELDS) expect(text).toContain(`. ${field.label}\n`);
    expect(text).toMatch(/Adversarial testing[^\n]*\n\n[^\n]*\n\n\*\*Status:\*\* documented\.\n\nRed-teamed by partners\./);
  });
});

describe('names from imported trees in the Markdown exports', () => {
  it('are written as text: no HTML, no link of their own, no javascript: link', () => {
    expect(link('<script>alert(1)</script> [x](javascript:alert(2))', 'javascript:alert(3)')).toBe('&lt;script&gt;alert(1)&lt;/script&gt; \\[x\\](javascript:alert(2))');
    expect(link('HPLT & friends', 'https://hplt-project.org/datasets/v3.0')).toBe('[HPLT &amp; friends](https://hplt-project.org/datasets/v3.0)');
    expect(link('odd', 'https://example.org/a_(b)')).toBe('[odd](https://example.org/a_%28b%29)');
  });
});
