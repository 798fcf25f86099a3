import type { TrainingReport } from './report.ts';
import { judgeReport, type ReportPosition, type ReportVerdict } from './run-progress.ts';
import type { RunState } from './vocabulary.ts';

/** A run's current figures: those of its latest report. */
export type RunFigures = {
  state: RunState;
  step: number;
  totalSteps: number | null;
  tokensSeen: number;
  tokensTarget: number | null;
  loss: number | null;
  throughput: number | null;
  lastReportAt: string | null;
  lastReportId: string | null;
  startedAt: string | null;
  completedAt: string | null;
};

const positionOf = (report: TrainingReport): ReportPosition => ({ at: report.at, step: report.step, id: report.id });

/**
 * Applies new reports (none seen before; `at` normalised to UTC ISO) to a run. They are taken in the
 * job's own order, so the result is the same whatever order they arrived in: the run ends with the
 * figures of its latest report, older ones are history, and nothing may follow a completion.
 */
export function foldReports(run: RunFigures, reports: readonly TrainingReport[]): { run: RunFigures; verdicts: Map<string, ReportVerdict> } {
  const ordered = [...reports].sort((a, b) => compare(positionOf(a), positionOf(b)));
  const verdicts = new Map<string, ReportVerdict>();
  let current = run;
  for (const report of ordered) {
    const last = current.lastReportAt && current.lastReportId ? { at: current.lastReportAt, step: current.step, id: current.lastReportId } : null;
    const verdict = judgeReport({ state: current.state, last }, positionOf(report));
    verdicts.set(report.id, verdict);
    if (!verdict.accept) continue;
    const startedAt =
      report.state !== 'queued' && (!current.startedAt || report.at < current.startedAt) ? report.at : current.startedAt;
    current = verdict.latest
      ? {
          state: report.state,
          step: report.step,
          totalSteps: report.totalSteps ?? current.totalSteps,
          tokensSeen: report.tokensSeen,
          tokensTarget: report.tokensTarget ?? current.tokensTarget,
          loss: report.loss ?? null,
          throughput: report.throughput ?? null,
          lastReportAt: report.at,
          lastReportId: report.id,
          startedAt,
          completedAt: report.state === 'completed' ? report.at : null,
        }
      : { ...current, startedAt };
  }
  return { run: current, verdicts };
}

function compare(a: ReportPosition, b: ReportPosition): number {
  const byTime = Date.parse(a.at) - Date.parse(b.at);
  if (byTime !== 0) return byTime;
  if (a.step !== b.step) return a.step - b.step;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
