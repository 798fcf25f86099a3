import { describe, expect, it } from 'vitest';
import { computeCoverage, median, type CoverageCard, type CoveragePart } from './coverage.ts';
import { coverageMatrix } from './coverage-matrix.ts';

const languages = [
  { code: 'eng', name: 'English', variants: ['eng_Latn'] },
  { code: 'est', name: 'Estonian', variants: ['est_Latn', 'ekk_Latn'] },
  { code: 'fin', name: 'Finnish', variants: ['fin_Latn'] },
  { code: 'mlt', name: 'Maltese', variants: ['mlt_Latn'] },
  { code: 'ltg', name: 'Latgalian', variants: ['ltg_Latn'] },
];

const part = (dataset: string, partPath: string, language: string | null, weight: number, releaseTokens: number | null = weight * 1000): CoveragePart => ({
  dataset,
  part: partPath,
  language,
  weight,
  releaseTokens,
  sourceTokens: releaseTokens === null ? null : releaseTokens * 2,
});

const parts = [
  part('web', '', null, 0.4),
  part('code', '', null, 0.1),
  part('mystery', 'x', null, 0.05),
  part('pdfs', 'ekk_Latn', 'ekk_Latn', 0.1),
  part('mt', 'est_Latn', 'est_Latn', 0.05),
  part('pdfs', 'fin_Latn', 'fin_Latn', 0.2),
  part('pdfs', 'mlt_Latn', 'mlt_Latn', 0.02),
  part('pdfs', 'kat_Geor', 'kat_Geor', 0.08),
];
const cards = new Map<string, CoverageCard>([
  ['web', { content: 'text', language: 'eng_Latn' }],
  ['code', { content: 'code', language: null }],
]);

describe('computeCoverage', () => {
  const coverage = computeCoverage({ languages, parts, cards });
  const row = (code: string) => coverage.languages.find((language) => language.code === code)!;

  it('merges script variants into one language', () => {
    expect(row('est')).toMatchObject({ variants: ['ekk_Latn', 'est_Latn'], weight: expect.closeTo(0.15), releaseTokens: 150, sourceTokens: 300 });
    expect(row('est').datasets.map((d) => [d.dataset, d.variants, d.via])).toEqual([
      ['pdfs', ['ekk_Latn'], 'path'],
      ['mt', ['est_Latn'], 'path'],
    ]);
  });

  it('gives shares of the whole mix', () => {
    expect(coverage.totalWeight).toBeCloseTo(1);
    expect(row('fin').share).toBeCloseTo(0.2);
  });

  it('counts language-less parts by their card, and lists them separately', () => {
    expect(row('eng')).toMatchObject({ weight: 0.4, datasets: [expect.objectContaining({ dataset: 'web', via: 'card' })] });
    expect(coverage.languageless.map((p) => [p.dataset, p.content, p.countedAs])).toEqual([
      ['web', 'text', 'eng'],
      ['code', 'code', null],
      ['mystery', 'unknown', null],
    ]);
  });

  it('lists data in languages outside the targets', () => {
    expect(coverage.otherLanguages).toEqual([expect.objectContaining({ code: 'kat', name: null, variants: ['kat_Geor'], weight: 0.08 })]);
  });

  it('flags no data as `none` and a share below half the median as `low`', () => {
    // Shares with data: eng .4, est .15, fin .2, mlt .02 → median .175, threshold .0875.
    expect(coverage.medianShare).toBeCloseTo(0.175);
    expect(coverage.lowShareThreshold).toBeCloseTo(0.0875);
    expect(coverage.languages.map((l) => [l.code, l.gap?.kind ?? null])).toEqual([
      ['eng', null],
      ['est', null],
      ['fin', null],
      ['mlt', 'low'],
      ['ltg', 'none'],
    ]);
  });

  it('restricts rows to given targets; the rest becomes other languages', () => {
    const model = computeCoverage({ languages, parts, cards, targets: ['fin', 'mlt'] });
    expect(model.languages.map((l) => l.code)).toEqual(['fin', 'mlt']);
    expect(model.medianShare).toBeCloseTo(0.11);
    expect(model.languages.map((l) => l.gap?.kind ?? null)).toEqual([null, 'low']);
    expect(model.otherLanguages.map((l) => l.code)).toEqual(['eng', 'est', 'kat']);
  });

  it('sums what is known and counts parts without figures', () => {
    const result = computeCoverage({ languages, parts: [part('a', 'fin_Latn', 'fin_Latn', 0.5, null), part('b', 'fin_Latn', 'fin_Latn', 0.5, 7)], cards: new Map() });
    expect(result.languages.find((l) => l.code === 'fin')).toMatchObject({ releaseTokens: 7, partsWithoutCounts: 1 });
  });

  it('lays coverage out as a languages × datasets matrix', () => {
    const matrix = coverageMatrix(coverage);
    expect(matrix.datasets).toEqual(['pdfs', 'web', 'mt']); // by weight, ties by name
    const est = matrix.rows.find((r) => r.code === 'est')!;
    expect(est.cells.map((cell) => cell?.weight ?? null)).toEqual([0.1, null, 0.05]);
    expect(matrix.rows.at(-1)).toMatchObject({ code: 'kat', target: false });
  });
});

it.each([
  [[], null],
  [[3], 3],
  [[3, 1], 2],
  [[5, 1, 3], 3],
])('median(%j) = %j', (values, expected) => expect(median(values)).toBe(expected));
