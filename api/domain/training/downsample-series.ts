/**
 * How many points of a run's metrics series the site draws. A loss curve is at most a few hundred
 * pixels wide: more points add bytes to every page without adding detail.
 */
export const MAX_CHART_POINTS = 600;

/**
 * A series thinned for a chart: every point when there are at most `max`, otherwise `max` points
 * evenly spaced by position (not by step), always keeping the first and the last, in their order.
 * Positions are `round(i × (n − 1) / (max − 1))`, which never repeats an index when n > max, so the
 * result has exactly `max` distinct points.
 */
export function downsampleEvenly<T>(points: readonly T[], max: number = MAX_CHART_POINTS): T[] {
  if (!Number.isInteger(max) || max < 2) throw new RangeError(`max must be a whole number of at least 2, got ${max}`);
  if (points.length <= max) return [...points];
  const last = points.length - 1;
  return Array.from({ length: max }, (_, i) => points[Math.round((i * last) / (max - 1))]!);
}
