import { describe, expect, it } from 'vitest';
import { estimateProgress, isLaterReport, judgeReport } from './run-progress.ts';

describe('isLaterReport', () => {
  it.each([
    ['later instant wins whatever the step', { at: '2026-01-01T00:00:02Z', step: 5, id: 'a' }, { at: '2026-01-01T00:00:01Z', step: 9, id: 'b' }, true],
    ['earlier instant loses', { at: '2026-01-01T00:00:00Z', step: 9, id: 'z' }, { at: '2026-01-01T00:00:01Z', step: 5, id: 'a' }, false],
    ['same instant: higher step wins', { at: '2026-01-01T00:00:01Z', step: 6, id: 'a' }, { at: '2026-01-01T00:00:01.000Z', step: 5, id: 'b' }, true],
    ['same instant and step: id breaks the tie', { at: '2026-01-01T00:00:01Z', step: 5, id: 'b' }, { at: '2026-01-01T00:00:01Z', step: 5, id: 'a' }, true],
    ['time zones are compared as instants', { at: '2026-01-01T01:00:01+01:00', step: 1, id: 'a' }, { at: '2026-01-01T00:00:00Z', step: 2, id: 'b' }, true],
  ])('%s', (_name, candidate, current, later) => {
    expect(isLaterReport(candidate, current)).toBe(later);
  });

  it('treats the first report as the latest', () => {
    expect(isLaterReport({ at: '2026-01-01T00:00:00Z', step: 0, id: 'a' }, null)).toBe(true);
  });
});

describe('judgeReport', () => {
  const last = { at: '2026-01-01T10:00:00Z', step: 100, id: 'r100' };
  it('keeps an older report as history without moving the run', () => {
    expect(judgeReport({ state: 'running', last }, { at: '2026-01-01T09:00:00Z', step: 90, id: 'r90' })).toEqual({ accept: true, latest: false });
  });
  it('moves the run on a later report', () => {
    expect(judgeReport({ state: 'paused', last }, { at: '2026-01-01T11:00:00Z', step: 110, id: 'r110' })).toEqual({ accept: true, latest: true });
  });
  it('accepts history of a completed run but nothing after its completion', () => {
    expect(judgeReport({ state: 'completed', last }, { at: '2026-01-01T09:00:00Z', step: 90, id: 'r90' })).toEqual({ accept: true, latest: false });
    expect(judgeReport({ state: 'completed', last }, { at: '2026-01-01T11:00:00Z', step: 110, id: 'r110' })).toMatchObject({ accept: false, reason: 'after_completion' });
  });
});

describe('estimateProgress', () => {
  const base = { step: 500, totalSteps: 1000, tokensSeen: 2e9, tokensTarget: 8e9, throughput: 1e6, lastReportAt: '2026-01-01T00:00:00Z' };
  it('counts the remaining tokens at the current throughput from the last report', () => {
    expect(estimateProgress({ ...base, state: 'running' })).toEqual({ fraction: 0.25, eta: '2026-01-01T01:40:00.000Z' });
  });
  it('has no ETA unless running with a throughput and a target', () => {
    expect(estimateProgress({ ...base, state: 'paused' }).eta).toBeNull();
    expect(estimateProgress({ ...base, state: 'running', throughput: 0 }).eta).toBeNull();
    expect(estimateProgress({ ...base, state: 'running', tokensTarget: null })).toEqual({ fraction: 0.5, eta: null });
  });
  it('reports a completed run as done, and a reached target as due at the last report', () => {
    expect(estimateProgress({ ...base, state: 'completed' })).toEqual({ fraction: 1, eta: null });
    expect(estimateProgress({ ...base, state: 'running', tokensSeen: 9e9 }).eta).toBe(base.lastReportAt.replace('Z', '.000Z'));
  });
  it('has no ETA when the finish is beyond what a date can hold, rather than failing', () => {
    expect(estimateProgress({ ...base, state: 'running', throughput: 5e-324 }).eta).toBeNull();
    expect(estimateProgress({ ...base, state: 'running', tokensTarget: Number.MAX_SAFE_INTEGER, throughput: 1 }).eta).toBeNull();
  });
  it('has no ETA before the first report', () => {
    expect(estimateProgress({ ...base, state: 'running', lastReportAt: null }).eta).toBeNull();
  });
});
