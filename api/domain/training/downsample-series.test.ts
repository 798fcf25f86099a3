import { describe, expect, it } from 'vitest';
import { downsampleEvenly, MAX_CHART_POINTS } from './downsample-series.ts';

const series = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('downsampleEvenly', () => {
  it.each([0, 1, 2, 599, 600])('keeps all %i points when there are at most 600', (n) => {
    expect(downsampleEvenly(series(n))).toEqual(series(n));
  });

  it.each([601, 1000, 1234, 100_000])('thins %i points to exactly 600 distinct ones, first and last kept, in order', (n) => {
    const sample = downsampleEvenly(series(n));
    expect(sample).toHaveLength(MAX_CHART_POINTS);
    expect(sample[0]).toBe(0);
    expect(sample.at(-1)).toBe(n - 1);
    for (let i = 1; i < sample.length; i++) expect(sample[i]!).toBeGreaterThan(sample[i - 1]!);
  });

  it('spaces the sample evenly', () => {
    expect(downsampleEvenly(series(101), 11)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    const gaps = downsampleEvenly(series(10_000), 100).map((value, i, all) => (i === 0 ? 0 : value - all[i - 1]!)).slice(1);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1);
  });

  it('refuses a maximum that cannot hold both ends', () => {
    expect(() => downsampleEvenly(series(10), 1)).toThrow(RangeError);
  });
});
