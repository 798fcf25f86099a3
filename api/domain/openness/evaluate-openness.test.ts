import { describe, expect, it } from 'vitest';
import { MOF_COMPONENT_NAMES } from './components.ts';
import { evaluateOpenness, type OpennessClass } from './evaluate-openness.ts';
import type { MotModelFile } from './mot-model-file.ts';

type Listed = string | [name: string, licence: string];

/** A model file listing `components` (a bare name inherits; a pair sets the component's own licence). */
function modelFile(components: Listed[], license: Record<string, string> = { distribution: 'Apache-2.0' }): MotModelFile {
  return {
    framework: { name: 'Model Openness Framework', version: '1.0', date: '2024-12-15' },
    release: {
      name: 'test-model',
      producer: 'Agora',
      license: Object.fromEntries(Object.entries(license).map(([kind, name]) => [kind, { name, path: null }])),
      components: components.map((entry) => (typeof entry === 'string' ? { name: entry } : { name: entry[0], license: entry[1] })),
    },
  };
}

const CLASS_3 = ['Model architecture', 'Model parameters (Final)', 'Model card', 'Data card', 'Technical report', 'Evaluation results'];
const CLASS_3_WITHOUT_REPORT = CLASS_3.filter((name) => name !== 'Technical report');
const CLASS_2 = ['Training code', 'Inference code', 'Evaluation code', 'Evaluation data'];
const CLASS_1 = ['Data preprocessing code', 'Model parameters (Intermediate)', 'Datasets', 'Research paper'];
const pct = (counted: number, total: number) => (counted / total) * 100;

const cases: { name: string; components: Listed[]; license?: Record<string, string>; class: OpennessClass; progress: [number, number, number] }[] = [
  { name: 'nothing listed', components: [], class: 0, progress: [0, 0, 0] },
  { name: 'class III complete; class II counts only what it shares', components: CLASS_3, class: 3, progress: [0, 60, 100] },
  { name: 'a research paper stands in for the technical report', components: [...CLASS_3_WITHOUT_REPORT, 'Research paper'], class: 3, progress: [0, 60, 100] },
  {
    name: 'a research paper that is not open does not stand in',
    components: [...CLASS_3_WITHOUT_REPORT, ['Research paper', 'CC-BY-NC-4.0']],
    class: 0,
    progress: [0, 0, pct(5, 6)],
  },
  { name: 'class II complete', components: [...CLASS_3, ...CLASS_2], class: 2, progress: [pct(10, 14), 100, 100] },
  { name: 'class I complete', components: [...CLASS_3, ...CLASS_2, ...CLASS_1], class: 1, progress: [100, 100, 100] },
  { name: 'class I with the paper and no technical report', components: [...CLASS_3_WITHOUT_REPORT, ...CLASS_2, ...CLASS_1], class: 1, progress: [100, 100, 100] },
  {
    name: 'class I but the datasets marked unlicensed',
    components: [...CLASS_3, ...CLASS_2, 'Data preprocessing code', 'Model parameters (Intermediate)', ['Datasets', 'unlicensed'], 'Research paper'],
    class: 2,
    progress: [pct(13, 14), 100, 100],
  },
  {
    name: 'neither technical report nor research paper',
    components: [...CLASS_3_WITHOUT_REPORT, ...CLASS_2, 'Data preprocessing code', 'Model parameters (Intermediate)', 'Datasets'],
    class: 0,
    progress: [0, 0, pct(5, 6)],
  },
  { name: 'an empty own licence means unlicensed and does not inherit', components: [...CLASS_3.slice(1), ['Model architecture', '']], class: 0, progress: [0, 0, pct(5, 6)] },
  {
    name: 'final parameters under a non-commercial licence',
    components: [...CLASS_3.filter((name) => name !== 'Model parameters (Final)'), ['Model parameters (Final)', 'CC-BY-NC-4.0']],
    class: 0,
    progress: [0, 0, pct(5, 6)],
  },
  {
    name: 'a content-type licence wins over the distribution licence',
    components: CLASS_3,
    license: { distribution: 'CC-BY-NC-4.0', code: 'MIT', data: 'CDLA-Permissive-2.0', document: 'CC-BY-4.0' },
    class: 3,
    progress: [0, 60, 100],
  },
  {
    name: 'the distribution licence only fills in for a type without one',
    components: CLASS_3,
    license: { distribution: 'MIT', code: 'CC-BY-NC-4.0' },
    class: 0,
    progress: [0, 0, pct(5, 6)],
  },
  { name: 'no licence anywhere', components: CLASS_3, license: {}, class: 0, progress: [0, 0, 0] },
  { name: 'optional components never count', components: ['Model metadata', 'Supporting libraries and tools', 'Sample model outputs'], class: 0, progress: [0, 0, 0] },
  { name: 'a higher class scores nothing until the lower ones are met', components: [...CLASS_2, ...CLASS_1], class: 0, progress: [0, 0, pct(1, 6)] },
  { name: 'licence ids are compared exactly', components: CLASS_3, license: { distribution: 'apache-2.0' }, class: 0, progress: [0, 0, 0] },
];

describe('evaluateOpenness: class and progress by the Model Openness Tool\'s rules', () => {
  it.each(cases)('$name', ({ components, license, class: expectedClass, progress }) => {
    const result = evaluateOpenness(modelFile(components, license));
    expect(result.class).toBe(expectedClass);
    expect([result.progress['1'], result.progress['2'], result.progress['3']]).toEqual(progress);
  });

  it('labels the classes with the tool\'s words', () => {
    expect(evaluateOpenness(modelFile([])).label).toBe('Unclassified');
    expect(evaluateOpenness(modelFile(CLASS_3)).label).toBe('Class III - Open Model');
    expect(evaluateOpenness(modelFile([...CLASS_3, ...CLASS_2])).label).toBe('Class II - Open Tooling Model');
    expect(evaluateOpenness(modelFile([...CLASS_3, ...CLASS_2, ...CLASS_1])).label).toBe('Class I - Open Science Model');
  });
});

describe('evaluateOpenness: explanations', () => {
  it('names what keeps each class from being met, the research paper standing in for the report', () => {
    const withPaper = evaluateOpenness(modelFile([...CLASS_3_WITHOUT_REPORT, 'Research paper']));
    expect(withPaper.missing['3']).toEqual([]);
    expect(withPaper.missing['2']).toEqual(CLASS_2);
    expect(withPaper.missing['1']).toEqual(['Data preprocessing code', 'Training code', 'Inference code', 'Evaluation code', 'Model parameters (Intermediate)', 'Datasets', 'Evaluation data']);
    expect(withPaper.components.find((c) => c.name === 'Technical report')?.reason).toContain('the research paper stands in for it');

    const neither = evaluateOpenness(modelFile(CLASS_3_WITHOUT_REPORT));
    expect(neither.missing['3']).toEqual(['Technical report']);
    expect(neither.missing['1']).not.toContain('Technical report');
    expect(neither.missing['1']).toContain('Research paper');
  });

  it('says where each licence comes from and why it does or does not count', () => {
    const result = evaluateOpenness(
      modelFile(['Model architecture', ['Model card', 'unlicensed'], ['Data card', ''], ['Evaluation results', 'CC-BY-NC-4.0'], ['Model parameters (Final)', 'Llama-3']], { code: 'MIT' }),
    );
    const byName = Object.fromEntries(result.components.map((component) => [component.name, component]));
    expect(byName['Model architecture']).toMatchObject({ included: true, licence: 'MIT', licenceSource: 'global-type', licenceIsOpen: true, counts: true });
    expect(byName['Model card']).toMatchObject({ licence: 'unlicensed', counts: false, reason: 'included, but marked unlicensed' });
    expect(byName['Data card']).toMatchObject({ licence: null, licenceSource: 'component', counts: false });
    expect(byName['Evaluation results']?.reason).toContain('CC-BY-NC-4.0 (its own licence) is not an open licence');
    expect(byName['Model parameters (Final)']?.reason).toContain('not a licence id the tool knows');
    expect(byName['Technical report']).toMatchObject({ included: false, counts: false, reason: 'not included in the release' });
    expect(result.components.map((component) => component.name)).toHaveLength(17);
  });

  it('warns about open licences of the wrong content type, which still count', () => {
    const result = evaluateOpenness(modelFile(CLASS_3, { code: 'MIT', data: 'CC0-1.0', document: 'CC-BY-4.0', distribution: 'Apache-2.0' }));
    expect(result.class).toBe(3);
    expect(result.warnings).toEqual([]);
    const mixed = evaluateOpenness(modelFile(CLASS_3));
    expect(mixed.class).toBe(3);
    expect(mixed.warnings[0]).toContain('Model card (document: Apache-2.0)');
  });

  it('uses the last licence of a component listed twice, and says so', () => {
    const result = evaluateOpenness(modelFile([...CLASS_3.slice(1), ['Model architecture', 'CC-BY-NC-4.0'], ['Model architecture', 'MIT']]));
    expect(result.class).toBe(3);
    expect(result.warnings).toContain('Model architecture is listed more than once; as in the tool, the last entry\'s licence is used.');
  });

  it('throws for a component name the framework does not define (validate with readMotModel first)', () => {
    expect(() => evaluateOpenness(modelFile(['Weights']))).toThrow(/Unknown MOF component "Weights"/);
  });
});

describe('evaluateOpenness: "missing" agrees with the tool\'s progress', () => {
  it('a class is met (100 %) exactly when nothing is missing for it, over many random files', () => {
    const licences = ['MIT', 'CC-BY-4.0', 'CC-BY-NC-4.0', 'unlicensed', '', 'Apache-2.0', 'softSurfer'];
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 400; round++) {
      const components: Listed[] = MOF_COMPONENT_NAMES.filter(() => random() < 0.8).map((name) =>
        random() < 0.5 ? name : [name, licences[Math.floor(random() * licences.length)]!],
      );
      const distribution: Record<string, string> = random() < 0.7 ? { distribution: licences[Math.floor(random() * 3)]! } : {};
      const result = evaluateOpenness(modelFile(components, distribution));
      for (const key of ['1', '2', '3'] as const) expect(result.missing[key].length === 0).toBe(result.progress[key] === 100);
      const highest = (['1', '2', '3'] as const).find((key) => result.missing[key].length === 0);
      expect(result.class).toBe(highest ? Number(highest) : 0);
    }
  });
});
