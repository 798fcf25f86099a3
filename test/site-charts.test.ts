import { describe, expect, it } from 'vitest';
import { tokenScale } from '../site/src/registry/coverage-scale.ts';
import { formatBytes, formatCompact, formatExact, formatLoss, formatProgress, formatShare, formatUtcShort, formatWeight } from '../site/src/registry/format.ts';
import { layoutLossChart, niceDomain, niceStep } from '../site/src/registry/loss-chart.ts';

const plain = (value: string) => value.replace(/\u00a0/g, ' ');

describe('figures as the site writes them', () => {
  it.each([
    [0, '0'],
    [950, '950'],
    [999_999, '1 M'],
    [41_943_040_000, '41.9 B'],
    [1_210_000_000, '1.21 B'],
    [3_845_395_936_156, '3.85 T'],
    [116_500, '117 k'],
    [12_000, '12 k'],
  ])('%d → %s', (value, expected) => expect(plain(formatCompact(value))).toBe(expected));

  it('keeps the exact value, bytes, shares, progress, loss and weights readable', () => {
    expect(formatExact(3_845_395_936_156)).toBe('3,845,395,936,156');
    expect(plain(formatBytes(1_410_000_000_000))).toBe('1.41 TB');
    expect(plain(formatBytes(512))).toBe('512 B');
    expect([formatShare(0.728), formatShare(0.0171), formatShare(0.00076), formatShare(0)]).toEqual(['72.8%', '1.71%', '0.076%', '0%']);
    expect([formatProgress(0.598), formatProgress(0.99999), formatProgress(1)]).toEqual(['59.8%', '99.9%', '100.0%']);
    expect(formatLoss(2.31456)).toBe('2.315');
    expect(formatWeight(0.09851000000000001)).toBe('0.09851');
    expect(formatUtcShort('2026-11-28T07:29:29.417Z')).toBe('28 Nov 2026, 07:29 UTC');
  });
});

describe('loss chart layout', () => {
  it('picks 1-2-5 steps and widens the domain to whole ticks', () => {
    expect([niceStep(0.7), niceStep(1.74), niceStep(3), niceStep(1994)]).toEqual([1, 2, 5, 2000]);
    expect(niceDomain(2.1, 10.8)).toEqual({ lo: 2, hi: 12, step: 2, ticks: [2, 4, 6, 8, 10, 12] });
    expect(niceDomain(0, 11_960, 6).ticks).toEqual([0, 2000, 4000, 6000, 8000, 10_000, 12_000]);
    expect(niceDomain(0.1, 0.3).ticks).toEqual([0.1, 0.15, 0.2, 0.25, 0.3]);
    expect(niceDomain(5, 5).ticks.length).toBeGreaterThan(1);
  });

  it('draws one path point per point with a loss, breaking the line where the loss is missing', () => {
    const layout = layoutLossChart(
      [
        { step: 0, loss: 10 },
        { step: 10, loss: 8 },
        { step: 20, loss: null },
        { step: 30, loss: 5 },
        { step: 40, loss: 4 },
      ],
      [{ kind: 'failure', step: 20, message: 'node lost' }, { kind: 'restart', step: 21, message: null }],
    )!;
    expect(layout.pointCount).toBe(4);
    expect(layout.path.match(/[ML]/g)).toEqual(['M', 'L', 'M', 'L']);
    const [first, , , last] = [...layout.path.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(first).toEqual([layout.plot.left, layout.plot.top]); // step 0 at the left, loss 10 at the top
    expect(last![0]).toBe(layout.plot.right);
    expect(layout.yTicks.map((tick) => tick.label)).toEqual(['4', '6', '8', '10']);
    expect(layout.events.map((event) => event.kind)).toEqual(['failure', 'restart']);
    // Marks one step apart are nudged so they do not overlap.
    expect(layout.events[1]!.labelX - layout.events[0]!.labelX).toBeGreaterThanOrEqual(12);
  });

  it('draws nothing when no point has a loss', () => {
    expect(layoutLossChart([{ step: 0, loss: null }], [])).toBeNull();
    expect(layoutLossChart([], [])).toBeNull();
  });
});

describe('coverage colour scale', () => {
  it('gives one colour per power of ten, darker for more tokens, none for zero', () => {
    const scale = tokenScale([301_000_000, 5_340_000_000, 73_800_000_000, 3_490_000_000_000, 0]);
    expect(scale.bins.map((bin) => plain(bin.label))).toEqual(['100 M – 1 B', '1 B – 10 B', '10 B – 100 B', '100 B – 1 T', '1 T – 10 T']);
    expect(scale.binOf(73_800_000_000)).toBe(scale.binOf(97_100_000_000));
    expect(scale.binOf(73_800_000_000)).not.toBe(scale.binOf(136_000_000_000));
    expect(new Set(scale.bins.map((bin) => bin.background)).size).toBe(5);
    expect(scale.binOf(0)).toBeNull();
    expect(scale.binOf(301_000_000)!.text).toBe('#1b1b1b');
    expect(scale.binOf(3_490_000_000_000)!.text).toBe('#ffffff');
    expect(tokenScale([]).bins).toEqual([]);
  });
});
