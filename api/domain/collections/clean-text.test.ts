import { describe, expect, it } from 'vitest';
import { cleanText, cleanValue } from './clean-text.ts';

describe('cleanText', () => {
  it.each([
    ['plain text', 'HPLT 3.1 – Ελληνικά 🇪🇺', 'HPLT 3.1 – Ελληνικά 🇪🇺', []],
    ['a NUL', 'AI\0Sweden', 'AI\uFFFDSweden', ['a NUL character']],
    ['a lone high surrogate', 'Wura \uD800 Corpus', 'Wura \uFFFD Corpus', ['an unpaired UTF-16 surrogate']],
    ['a lone low surrogate at the end', 'x\uDC00', 'x\uFFFD', ['an unpaired UTF-16 surrogate']],
    ['a bell and an escape', 'a\u0007b\u001bc', 'a\uFFFDb\uFFFDc', ['a control character']],
    ['tabs and line breaks', 'a\tb\nc\r\n', 'a\tb\nc\r\n', []],
    ['all at once', '\0\uD800\u0001', '\uFFFD\uFFFD\uFFFD', ['a NUL character', 'an unpaired UTF-16 surrogate', 'a control character']],
  ])('%s', (_case, input, text, faults) => {
    expect(cleanText(input)).toEqual({ text, faults });
    expect(cleanText(input).text.isWellFormed()).toBe(true);
  });

  it('gives the same answer twice in a row (no regex state carried over)', () => {
    expect(cleanText('a\u0001').faults).toEqual(['a control character']);
    expect(cleanText('b\u0001').faults).toEqual(['a control character']);
  });
});

describe('cleanValue', () => {
  it('cleans every string of a parsed file, keys included, and says where (cleaned paths)', () => {
    const { value, replacements } = cleanValue({ name: 'ok', annotations: { pii: { owner: 'AI\0Sweden' } }, list: ['x', 'y\uD800'], 'k\0ey': 1, count: 4, when: null });
    expect(value).toEqual({ name: 'ok', annotations: { pii: { owner: 'AI\uFFFDSweden' } }, list: ['x', 'y\uFFFD'], 'k\uFFFDey': 1, count: 4, when: null });
    expect(replacements).toEqual([
      { path: ['annotations', 'pii', 'owner'], faults: ['a NUL character'] },
      { path: ['list', 1], faults: ['an unpaired UTF-16 surrogate'] },
      { path: ['k\uFFFDey'], faults: ['a NUL character'] },
    ]);
  });

  it('leaves dates as dates (YAML reads a bare date as one)', () => {
    const date = new Date('2026-05-01');
    expect(cleanValue({ date }).value).toEqual({ date });
  });
});
