import type { RunState } from './vocabulary.ts';

/** The report a run's current figures come from. */
export type ReportPosition = { at: string; step: number; id: string };

/**
 * Whether `candidate` comes after `current` in the job's own order: by instant, then step, then id
 * (the id only makes the order total, so two replicas agree on which report is latest).
 */
export function isLaterReport(candidate: ReportPosition, current: ReportPosition | null): boolean {
  if (!current) return true;
  const a = Date.parse(candidate.at);
  const b = Date.parse(current.at);
  if (a !== b) return a > b;
  if (candidate.step !== current.step) return candidate.step > current.step;
  return candidate.id > current.id;
}

export type ReportVerdict =
  | { accept: true; latest: boolean }
  | { accept: false; reason: 'after_completion'; message: string };

/**
 * What to do with a new report. Older reports are kept as history (metrics, events) without moving
 * the run; a completed run is final, so a report claiming to come after its completion is refused.
 */
export function judgeReport(
  run: { state: RunState; last: ReportPosition | null },
  report: ReportPosition,
): ReportVerdict {
  const latest = isLaterReport(report, run.last);
  if (run.state === 'completed' && latest)
    return {
      accept: false,
      reason: 'after_completion',
      message: `The run completed at ${run.last?.at}; a report dated ${report.at} cannot follow it.`,
    };
  return { accept: true, latest };
}

export type Progress = {
  /** Share of the work done, 0–1, from tokens when a target is known, else from steps. */
  fraction: number | null;
  /** When the run should finish at its current throughput, or null when it cannot be told. */
  eta: string | null;
};

/**
 * Progress and estimated completion of a run, from its figures alone (no clock): the ETA counts from
 * the last report, so a run that stopped reporting shows an ETA that slips into the past — which is
 * itself the signal that something is wrong.
 */
export function estimateProgress(
  run: {
    state: RunState;
    step: number;
    totalSteps: number | null;
    tokensSeen: number;
    tokensTarget: number | null;
    throughput: number | null;
    lastReportAt: string | null;
  },
): Progress {
  const byTokens = run.tokensTarget ? run.tokensSeen / run.tokensTarget : null;
  const bySteps = run.totalSteps ? run.step / run.totalSteps : null;
  const fraction = run.state === 'completed' ? 1 : clamp(byTokens ?? bySteps);
  if (run.state !== 'running' || !run.lastReportAt || !run.tokensTarget || !run.throughput || run.throughput <= 0)
    return { fraction, eta: null };
  const remainingSeconds = Math.max(0, run.tokensTarget - run.tokensSeen) / run.throughput;
  const finish = Date.parse(run.lastReportAt) + remainingSeconds * 1000;
  // Beyond what a date can hold (a throughput near zero, a target near 2^53): no estimate to give.
  return { fraction, eta: finish <= MAX_DATE_MS ? new Date(finish).toISOString() : null };
}

/** The last instant a JavaScript date can hold (ECMAScript: 10^8 days after 1970). */
const MAX_DATE_MS = 8.64e15;

function clamp(value: number | null): number | null {
  return value === null ? null : Math.min(1, Math.max(0, value));
}
