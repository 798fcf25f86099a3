import { describe, expect, it } from 'vitest';
import { languageOfPart, parseDatamix } from './datamix.ts';

describe('languageOfPart', () => {
  it.each([
    ['', null],
    ['ekk_Latn', 'ekk_Latn'],
    ['parallel/tower72b/deu_Latn', 'deu_Latn'],
    ['high/actual', null],
    ['finemath-4plus', null],
    ['EKK_latn', null],
    ['kat_Geor', 'kat_Geor'],
  ])('%j → %j', (part, language) => expect(languageOfPart(part)).toBe(language));
});

describe('parseDatamix', () => {
  it('reads whole datasets, languages and subsets', () => {
    const { entries, problems } = parseDatamix(
      [
        '0.324000 dclm-1.0/megatron-lm',
        '0.000420 finepdfs-1.0.0/megatron-lm/ekk_Latn',
        '',
        '# a comment',
        '0.054000 nemotron-cc-1.0/megatron-lm/high/actual',
        '0.003604 nemotron-cc-tower+-0.1/megatron-lm/parallel/tower72b/deu_Latn  ',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(entries.map(({ line, weight, dataset, part, language }) => [line, weight, dataset, part, language])).toEqual([
      [1, 0.324, 'dclm-1.0', '', null],
      [2, 0.00042, 'finepdfs-1.0.0', 'ekk_Latn', 'ekk_Latn'],
      [5, 0.054, 'nemotron-cc-1.0', 'high/actual', null],
      [6, 0.003604, 'nemotron-cc-tower+-0.1', 'parallel/tower72b/deu_Latn', 'deu_Latn'],
    ]);
  });

  it.each([
    { line: 'lots hplt-3.0/megatron-lm/mlt_Latn', dataset: 'hplt-3.0', message: /non-negative number/ },
    { line: '-0.1 hplt-3.0/megatron-lm/mlt_Latn', dataset: 'hplt-3.0', message: /non-negative number/ },
    { line: '0.1 hplt-3.0/jsonl/mlt_Latn', dataset: null, message: /<dataset>\/megatron-lm/ },
    { line: '0.1', dataset: null, message: /WEIGHT PATH/ },
    { line: '0.1 hplt-3.0/megatron-lm/../x', dataset: 'hplt-3.0', message: /"\.\." segment/ },
  ])('refuses "$line", naming the line and its dataset', ({ line, dataset, message }) => {
    const { entries, problems } = parseDatamix(`0.5 dclm-1.0/megatron-lm\n${line}\n`);
    expect(entries).toHaveLength(1);
    expect(problems).toEqual([{ file: 'datamix.txt', line: 2, dataset, message: expect.stringMatching(message) }]);
  });

  it('refuses a part named twice', () => {
    const { problems } = parseDatamix('0.1 a/megatron-lm/x\n0.2 a/megatron-lm/x\n');
    expect(problems).toEqual([{ file: 'datamix.txt', line: 2, dataset: 'a', message: '"a/megatron-lm/x" is already named on line 1' }]);
  });
});
