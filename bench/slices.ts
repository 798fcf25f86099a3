import type { LoadResult } from './load.ts';

/** Slices added up: 2xx per second over their total time; the middle p50, the worst p99 and max. */
export function sumSlices(results: LoadResult[]) {
  const seconds = results.reduce((total, result) => total + result.durationSeconds, 0);
  const completed = results.reduce((total, result) => total + result.requestsPerSecond * result.durationSeconds, 0);
  const p50s = results.map((result) => result.latencyMs.p50).sort((a, b) => a - b);
  return {
    perSecond: Math.round(completed / seconds),
    rejected: results.reduce((total, result) => total + result.non2xx + result.errors, 0),
    latencyMs: { p50: p50s[Math.floor(p50s.length / 2)]!, p99: Math.max(...results.map((result) => result.latencyMs.p99)), max: Math.max(...results.map((result) => result.latencyMs.max)) },
  };
}
