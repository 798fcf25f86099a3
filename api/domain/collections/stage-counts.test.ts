import { describe, expect, it } from 'vitest';
import { countsFileSchema, formatCount, sameStageCounts, sumStageCounts, toStageCounts, type StageCounts } from './stage-counts.ts';

const counts = (tokens: number | null, documents: number | null = 1): StageCounts => ({
  files: 1,
  bytes: 10,
  documents,
  segments: 2,
  tokens,
  characters: 30,
});

describe('sumStageCounts', () => {
  it.each([
    { name: 'nothing adds up to zeros', addends: [], tokens: 0, documents: 0 },
    { name: 'one addend is itself', addends: [counts(5)], tokens: 5, documents: 1 },
    { name: 'figures add field by field', addends: [counts(5), counts(7, 3)], tokens: 12, documents: 4 },
    { name: 'an unknown figure makes the total unknown', addends: [counts(5), counts(null)], tokens: null, documents: 2 },
  ])('$name', ({ addends, tokens, documents }) => {
    const sum = sumStageCounts(addends);
    expect(sum.tokens).toBe(tokens);
    expect(sum.documents).toBe(documents);
  });
});

describe('counts files', () => {
  it('keeps the six figures, missing ones as null, and ignores the rest', () => {
    const file = countsFileSchema.parse({ files: 1, tokens: 9, time: 1.5, keys: { required: [] }, tokenizer: 't' });
    expect(toStageCounts(file)).toEqual({ files: 1, bytes: null, documents: null, segments: null, tokens: 9, characters: null });
  });

  it.each([
    { name: 'negative', value: { tokens: -1 }, message: /zero or more/ },
    { name: 'fractional', value: { documents: 1.5 }, message: /whole number/ },
    { name: 'text', value: { bytes: '12' }, message: /whole number/ },
  ])('refuses a $name figure, naming the field', ({ value, message }) => {
    const result = countsFileSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toMatch(message);
    expect(result.error!.issues[0]!.path).toEqual(Object.keys(value));
  });
});

it('compares and formats figures', () => {
  expect(sameStageCounts(counts(1), counts(1))).toBe(true);
  expect(sameStageCounts(counts(1), counts(null))).toBe(false);
  expect(formatCount(3845395936156)).toBe('3,845,395,936,156');
  expect(formatCount(12)).toBe('12');
  expect(formatCount(null)).toBe('unknown');
});
