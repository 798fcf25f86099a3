import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// ajv comes with the OpenAPI validator among the dev dependencies; here it only checks our zod mirror.
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../api/cli.ts';
import { MOF_COMPONENTS } from '../api/domain/openness/components.ts';
import { evaluateOpenness } from '../api/domain/openness/evaluate-openness.ts';
import { validateMotModelFile, type MotModelFile } from '../api/domain/openness/mot-model-file.ts';
import { readMotModel } from '../api/domain/openness/read-mot-model.ts';

/**
 * Fixtures copied from the Model Openness Tool (lfai/model_openness_tool at the commit in
 * `fixtures/mof/SOURCE_COMMIT`): its settings, schema, three real model files, four test files and
 * the tool's own classification of those four (`expected-sample.json`).
 */
const FIXTURES = fileURLToPath(new URL('./fixtures/mof/', import.meta.url));
const TEST_FILES = readdirSync(join(FIXTURES, 'test-data')).filter((name) => name.endsWith('.yml'));
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected-sample.json'), 'utf8')) as Record<
  string,
  { class: number; label: string; progress: Record<'1' | '2' | '3', number> }
>;

const load = (path: string): unknown => parse(readFileSync(join(FIXTURES, path), 'utf8'));

function evaluateFixture(path: string) {
  const read = readMotModel(load(path));
  if (!read.valid) throw new Error(`${path}: ${JSON.stringify(read.problems)}`);
  return evaluateOpenness(read.file);
}

async function agora(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {}, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('MOF components', () => {
  it('are the ones in the tool\'s settings, with the same ids, classes, types, weights and requirement', () => {
    const settings = load('mof.settings.yml') as { components: Record<string, unknown>[] };
    expect(
      settings.components.map((component) => ({
        id: component.id,
        name: component.name,
        description: component.description,
        contentType: component.content_type,
        class: component.class,
        weight: component.weight,
        required: component.required,
      })),
    ).toEqual(MOF_COMPONENTS);
  });
});

describe('the tool\'s four test files', () => {
  it('are the four of expected-sample.json', () => {
    expect(TEST_FILES.map((name) => name.replace(/\.yml$/, '')).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(TEST_FILES)('%s evaluates to the tool\'s class, label and progress', (name) => {
    const result = evaluateFixture(`test-data/${name}`);
    expect({ class: result.class, label: result.label, progress: result.progress }).toEqual(expected[name.replace(/\.yml$/, '')]);
  });

  it.each(TEST_FILES)('agora openness %s --json prints exactly the tool\'s result', async (name) => {
    const result = await agora('openness', join(FIXTURES, 'test-data', name), '--json');
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    expect(JSON.parse(result.out)).toStrictEqual(expected[name.replace(/\.yml$/, '')]);
    expect(result.out).toBe(JSON.stringify(expected[name.replace(/\.yml$/, '')], null, 2));
  });
});

describe('real model files from the tool', () => {
  it('Amber (LLM360): every component under Apache-2.0 (datasets MIT) → Class I', () => {
    const result = evaluateFixture('models/Amber.yml');
    expect(result).toMatchObject({ class: 1, label: 'Class I - Open Science Model', progress: { '1': 100, '2': 100, '3': 100 } });
  });

  it('OLMo-7B: no technical report, the CC-BY-4.0 research paper stands in → Class I', () => {
    const result = evaluateFixture('models/OLMo-7B.yml');
    expect(result).toMatchObject({ class: 1, progress: { '1': 100, '2': 100, '3': 100 } });
    expect(result.components.find((component) => component.name === 'Technical report')).toMatchObject({ included: false });
  });

  it('BLOOM: the RAIL licence is not open, only the CC-BY-4.0 technical report counts → Unclassified, 1/6 of Class III', () => {
    const result = evaluateFixture('models/BLOOM.yml');
    expect(result).toMatchObject({ class: 0, label: 'Unclassified', progress: { '1': 0, '2': 0, '3': (1 / 6) * 100 } });
    expect(result.missing['3']).toEqual(['Model architecture', 'Model parameters (Final)', 'Model card', 'Data card', 'Evaluation results']);
  });

  it('the annotated sample file: "unlicensed" keeps the model architecture out, so Class III stays at 5/6', () => {
    const result = evaluateFixture('sample_model.yml');
    expect(result).toMatchObject({ class: 0, progress: { '1': 0, '2': 0, '3': (5 / 6) * 100 } });
    expect(result.missing['3']).toEqual(['Model architecture']);
  });
});

describe('validateMotModelFile mirrors mof_schema.json', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajvFormats.default(ajv);
  const schema = ajv.compile(JSON.parse(readFileSync(join(FIXTURES, 'mof_schema.json'), 'utf8')));

  const files = [...TEST_FILES.map((name) => `test-data/${name}`), 'models/Amber.yml', 'models/BLOOM.yml', 'models/OLMo-7B.yml', 'sample_model.yml'];
  const base = () => structuredClone(load('models/Amber.yml')) as MotModelFile;
  const variants: [string, (file: MotModelFile) => unknown][] = [
    ['unchanged', (file) => file],
    ['extra fields', (file) => ({ ...file, extra: 1, release: { ...file.release, github: 'x' } })],
    ['no release', ({ framework }) => ({ framework })],
    ['release as a list', (file) => ({ ...file, release: [] })],
    ['framework renamed', (file) => ({ ...file, framework: { ...file.framework, name: 'MOF' } })],
    ['framework without a date', (file) => ({ ...file, framework: { name: file.framework.name, version: '1.0' } })],
    ['date 2025-02-30', (file) => ({ ...file, release: { ...file.release, date: '2025-02-30' } })],
    ['empty name', (file) => ({ ...file, release: { ...file.release, name: '' } })],
    ['no producer', (file) => ({ ...file, release: { ...file.release, producer: undefined } })],
    ['null contact', (file) => ({ ...file, release: { ...file.release, contact: null } })],
    ['type "llm"', (file) => ({ ...file, release: { ...file.release, type: 'llm' } })],
    ['treatment "chat fine-tuned"', (file) => ({ ...file, release: { ...file.release, treatment: 'chat fine-tuned' } })],
    ['licence path null', (file) => ({ ...file, release: { ...file.release, license: { distribution: { name: 'MIT', path: null } } } })],
    ['licence name a number', (file) => ({ ...file, release: { ...file.release, license: { code: { name: 3 } } } })],
    ['licence as text', (file) => ({ ...file, release: { ...file.release, license: 'MIT' } })],
    ['other licence slot', (file) => ({ ...file, release: { ...file.release, license: { model: 'anything' } } })],
    ['no components', (file) => ({ ...file, release: { ...file.release, components: [] } })],
    ['18 components', (file) => ({ ...file, release: { ...file.release, components: [...file.release.components, { name: 'x' }, { name: 'y' }] } })],
    ['nameless component', (file) => ({ ...file, release: { ...file.release, components: [{ description: 'x' }] } })],
    ['component licence null', (file) => ({ ...file, release: { ...file.release, components: [{ name: 'Datasets', license: null }] } })],
  ];

  it.each(files)('agrees with the JSON schema on %s', (path) => {
    const value = load(path);
    expect(validateMotModelFile(value).valid).toBe(schema(value));
    expect(schema(value)).toBe(true);
  });

  it.each(variants)('agrees with the JSON schema on a file with %s', (_name, change) => {
    const value = JSON.parse(JSON.stringify(change(base())));
    expect(validateMotModelFile(value).valid).toBe(schema(value));
  });

  it('is tried on files the schema accepts and files it refuses', () => {
    const verdicts = variants.map(([, change]) => schema(JSON.parse(JSON.stringify(change(base())))));
    expect(verdicts.filter(Boolean).length).toBeGreaterThan(4);
    expect(verdicts.filter((valid) => !valid).length).toBeGreaterThan(8);
  });
});

describe('agora openness', () => {
  const dir = mkdtempSync(join(tmpdir(), 'agora-openness-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const amber = readFileSync(join(FIXTURES, 'models/Amber.yml'), 'utf8');

  it('reports class, progress and what the next class still needs', async () => {
    const result = await agora('openness', join(FIXTURES, 'models/BLOOM.yml'));
    expect(result.code).toBe(0);
    expect(result.out).toContain('BLOOM 366B (BigScience): Unclassified');
    expect(result.out).toMatch(/Class III - Open Model\s+17%/);
    expect(result.out).toContain('Still needed for Class III - Open Model');
    expect(result.out).toContain('- Model architecture: BigScience-BLOOM-RAIL-1.0 (the release\'s distribution licence) is not a licence id the tool knows');
    expect(result.out).toContain('✓ Technical report (class III, document): open licence CC-BY-4.0 (its own licence)');
  });

  it('says when every class is met', async () => {
    const result = await agora('openness', join(FIXTURES, 'models/Amber.yml'));
    expect(result.out).toContain('Amber 7B (LLM360): Class I - Open Science Model');
    expect(result.out).toContain('Every class is met.');
  });

  it('refuses an unknown component, naming the file, line and field', async () => {
    const path = write('unknown-component.yml', amber.replace("name: 'Evaluation code'", "name: 'Eval code'"));
    const result = await agora('openness', path, '--json');
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toContain(`${path}: not a valid Model Openness Tool model file.`);
    expect(result.err).toMatch(new RegExp(`${path}:\\d+: release\\.components\\[4\\] → name: "Eval code" is not a MOF component; expected one of "Datasets"`));
  });

  it('refuses a file without a required field, naming it', async () => {
    const path = write('no-producer.yml', amber.replace('  producer: LLM360\n', ''));
    const result = await agora('openness', path);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(new RegExp(`${path}:\\d+: release\\.producer: missing; expected the producing organisation`));
  });

  it('refuses a wrong value, naming it', async () => {
    const path = write('bad-date.yml', amber.replace("date: '2024-12-15'", "date: '2024-12-32'"));
    const result = await agora('openness', path);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/bad-date\.yml:4: framework\.date: expected the framework date written YYYY-MM-DD/);
  });

  it('refuses text that is not YAML', async () => {
    const path = write('broken.yml', 'release: [unclosed\n');
    const result = await agora('openness', path);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(new RegExp(`${path}:\\d+: not valid YAML`));
  });

  it('says clearly when the file does not exist, and wants exactly one file', async () => {
    const missing = await agora('openness', join(dir, 'nope.yml'));
    expect(missing).toMatchObject({ code: 1, err: `${join(dir, 'nope.yml')}: cannot read the model file: no such file.` });
    expect((await agora('openness')).code).toBe(2);
    expect((await agora('openness', 'a.yml', '--yaml')).code).toBe(2);
  });
});
