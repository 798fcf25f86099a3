import { describe, expect, it } from 'vitest';
import { foldReports, type RunFigures } from './fold-reports.ts';
import type { TrainingReport } from './report.ts';

const fresh: RunFigures = {
  state: 'queued',
  step: 0,
  totalSteps: null,
  tokensSeen: 0,
  tokensTarget: null,
  loss: null,
  throughput: null,
  lastReportAt: null,
  lastReportId: null,
  startedAt: null,
  completedAt: null,
};

function report(minute: number, overrides: Partial<TrainingReport> = {}): TrainingReport {
  return {
    id: `r${minute}`,
    at: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
    state: 'running',
    step: minute * 10,
    tokensSeen: minute * 1000,
    loss: 5 - minute / 10,
    events: [],
    ...overrides,
  };
}

function shuffled<T>(items: T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe('foldReports', () => {
  it('ends in the state of the latest report whatever the arrival order', () => {
    const reports = Array.from({ length: 50 }, (_, i) => report(i + 1, i === 49 ? { state: 'paused' } : {}));
    for (const seed of [1, 2, 3]) {
      const { run, verdicts } = foldReports(fresh, shuffled(reports, seed));
      expect(run).toMatchObject({ state: 'paused', step: 500, lastReportId: 'r50', startedAt: reports[0]!.at, completedAt: null });
      expect([...verdicts.values()].every((verdict) => verdict.accept)).toBe(true);
    }
  });

  it('keeps an older report as history when the run has moved on', () => {
    const moved = foldReports(fresh, [report(10)]).run;
    const { run, verdicts } = foldReports(moved, [report(5)]);
    expect(run.step).toBe(100);
    expect(verdicts.get('r5')).toEqual({ accept: true, latest: false });
  });

  it('refuses what claims to follow a completion but keeps history before it', () => {
    const { run, verdicts } = foldReports(fresh, [report(3, { state: 'completed' }), report(4), report(2)]);
    expect(run).toMatchObject({ state: 'completed', lastReportId: 'r3', completedAt: report(3).at });
    expect(verdicts.get('r2')).toMatchObject({ accept: true });
    expect(verdicts.get('r4')).toMatchObject({ accept: false, reason: 'after_completion' });
  });

  it('keeps targets when a later report leaves them out', () => {
    const { run } = foldReports(fresh, [report(1, { totalSteps: 1000, tokensTarget: 1e9 }), report(2)]);
    expect(run).toMatchObject({ totalSteps: 1000, tokensTarget: 1e9, step: 20 });
  });

  it('does not count queued reports as the start', () => {
    const { run } = foldReports(fresh, [report(1, { state: 'queued' }), report(2)]);
    expect(run.startedAt).toBe(report(2).at);
  });
});
