import type { RunEventKind } from '../../../api/domain/training/vocabulary.ts';
import { formatCompact } from './format.ts';

/**
 * Geometry of a loss curve, computed at build time so the page ships a finished SVG and no chart
 * library. Pure: points in, coordinates and tick labels out (tested in test/site-charts.test.ts).
 */

export type ChartPoint = { step: number; loss: number | null };
export type ChartEvent = { kind: RunEventKind; step: number; message: string | null };
export type Tick = { value: number; position: number; label: string };

export type LossChartLayout = {
  width: number;
  height: number;
  /** The plotting area inside the axes. */
  plot: { left: number; top: number; right: number; bottom: number };
  /** SVG path data: `M` then one `L` per further point; a point without a loss starts a new `M`. */
  path: string;
  /** Points drawn (those with a loss). */
  pointCount: number;
  xTicks: Tick[];
  yTicks: Tick[];
  /** `labelX`: where a failure's or restart's mark goes, nudged right so that close marks do not overlap. */
  events: (ChartEvent & { x: number; labelX: number })[];
};

/** Marks (✗, ↻) closer than this many units are nudged apart. */
const MARK_WIDTH = 12;

const MARGIN = { left: 56, right: 16, top: 24, bottom: 44 };

/** 1, 2 or 5 × a power of ten, the smallest such step at least `rough`. */
export function niceStep(rough: number): number {
  if (!(rough > 0) || !Number.isFinite(rough)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** A domain widened to whole ticks of a nice step, and those ticks (about `count` of them). */
export function niceDomain(min: number, max: number, count = 5): { lo: number; hi: number; step: number; ticks: number[] } {
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    return niceDomain(min - pad, max + pad, count);
  }
  const step = niceStep((max - min) / count);
  const lo = Math.floor(min / step + 1e-9) * step;
  const hi = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let i = 0; lo + i * step <= hi + step * 1e-9; i++) ticks.push(roundTo(lo + i * step, step));
  return { lo, hi, step, ticks };
}

/** Lays out the curve; null when no point has a loss to draw. */
export function layoutLossChart(points: readonly ChartPoint[], events: readonly ChartEvent[], size = { width: 720, height: 320 }): LossChartLayout | null {
  const drawn = points.filter((point): point is { step: number; loss: number } => point.loss !== null);
  if (drawn.length === 0) return null;
  const plot = { left: MARGIN.left, top: MARGIN.top, right: size.width - MARGIN.right, bottom: size.height - MARGIN.bottom };
  const steps = points.map((point) => point.step);
  const xDomain = niceDomain(Math.min(...steps), Math.max(...steps), 6);
  const losses = drawn.map((point) => point.loss);
  const yDomain = niceDomain(Math.min(...losses), Math.max(...losses), 5);
  const x = (step: number) => round1(plot.left + ((step - xDomain.lo) / (xDomain.hi - xDomain.lo)) * (plot.right - plot.left));
  const y = (loss: number) => round1(plot.bottom - ((loss - yDomain.lo) / (yDomain.hi - yDomain.lo)) * (plot.bottom - plot.top));

  let path = '';
  let penDown = false;
  for (const point of points) {
    if (point.loss === null) {
      penDown = false;
      continue;
    }
    path += `${path ? ' ' : ''}${penDown ? 'L' : 'M'}${x(point.step)},${y(point.loss)}`;
    penDown = true;
  }
  const decimals = Math.max(0, -Math.floor(Math.log10(yDomain.step)));
  return {
    width: size.width,
    height: size.height,
    plot,
    path,
    pointCount: drawn.length,
    xTicks: xDomain.ticks.map((value) => ({ value, position: x(value), label: formatCompact(value) })),
    yTicks: yDomain.ticks.map((value) => ({ value, position: y(value), label: value.toFixed(decimals) })),
    events: placeMarks(events.filter((event) => event.step >= xDomain.lo && event.step <= xDomain.hi).map((event) => ({ ...event, x: x(event.step) }))),
  };
}

/** Gives each failure and restart mark a label position at least MARK_WIDTH from the previous one. */
function placeMarks<T extends ChartEvent & { x: number }>(events: T[]): (T & { labelX: number })[] {
  let previous = -Infinity;
  const placed = new Map<T, number>();
  for (const event of [...events].filter((e) => e.kind !== 'checkpoint_saved').sort((a, b) => a.x - b.x)) {
    const labelX = round1(Math.max(event.x, previous + MARK_WIDTH));
    placed.set(event, labelX);
    previous = labelX;
  }
  return events.map((event) => ({ ...event, labelX: placed.get(event) ?? event.x }));
}

const round1 = (value: number) => Math.round(value * 10) / 10;
/** Removes float noise (0.30000000000000004) from a multiple of `step`. */
const roundTo = (value: number, step: number) => Number((Math.round(value / step) * step).toPrecision(12));
