import { describe, expect, it } from 'vitest';
import { answerPeriodDays, computeDeadline, DEFAULT_DEADLINES, dueNotice } from './deadlines.ts';

describe('answerPeriodDays', () => {
  it.each([
    [{ type: 'inspection' as const, requesterKind: 'ai_office' as const, statedPeriodDays: 10 }, 10],
    [{ type: 'inspection' as const, requesterKind: 'national_authority' as const, statedPeriodDays: 21 }, 21],
    [{ type: 'inspection' as const, requesterKind: 'downstream_provider' as const }, 14],
    [{ type: 'inspection' as const, requesterKind: 'researcher' as const }, 30],
    [{ type: 'dataset' as const }, 30],
    [{ type: 'access' as const }, 30],
    [{ type: 'card_correction' as const }, 30],
  ])('%o → %i days', (request, days) => {
    expect(answerPeriodDays(request, DEFAULT_DEADLINES)).toBe(days);
  });

  it('takes each type\'s own setting', () => {
    const settings = { ...DEFAULT_DEADLINES, card_correction: 7 };
    expect(answerPeriodDays({ type: 'card_correction' }, settings)).toBe(7);
    expect(answerPeriodDays({ type: 'dataset' }, settings)).toBe(30);
  });
});

describe('computeDeadline', () => {
  const filed = '2026-11-01T12:00:00.000Z';
  it('is due after the period and overdue one instant later', () => {
    const request = { filedAt: filed, periodDays: 14, pauses: [], answeredAt: null };
    expect(computeDeadline(request, '2026-11-15T12:00:00.000Z')).toMatchObject({ dueAt: '2026-11-15T12:00:00.000Z', overdue: false, daysLeft: 0 });
    expect(computeDeadline(request, '2026-11-15T12:00:00.001Z')).toMatchObject({ overdue: true });
  });

  it('pauses while waiting for the requester and resumes with the time added', () => {
    const paused = { filedAt: filed, periodDays: 14, pauses: [{ from: '2026-11-05T12:00:00.000Z', to: null }], answeredAt: null };
    const during = computeDeadline(paused, '2026-11-20T12:00:00.000Z');
    expect(during).toMatchObject({ paused: true, overdue: false, dueAt: '2026-11-30T12:00:00.000Z' });
    const resumed = { ...paused, pauses: [{ from: '2026-11-05T12:00:00.000Z', to: '2026-11-08T12:00:00.000Z' }] };
    expect(computeDeadline(resumed, '2026-11-20T12:00:00.000Z')).toMatchObject({ paused: false, dueAt: '2026-11-18T12:00:00.000Z', overdue: true });
  });

  it('tells whether an answer came in time', () => {
    expect(computeDeadline({ filedAt: filed, periodDays: 14, pauses: [], answeredAt: '2026-11-10T00:00:00.000Z' }, '2026-12-01T00:00:00.000Z')).toMatchObject({ answeredOnTime: true, overdue: false });
    expect(computeDeadline({ filedAt: filed, periodDays: 14, pauses: [], answeredAt: '2026-11-20T00:00:00.000Z' }, '2026-12-01T00:00:00.000Z')).toMatchObject({ answeredOnTime: false });
  });
});

describe('dueNotice', () => {
  const request = { filedAt: '2026-11-01T12:00:00.000Z', periodDays: 14, pauses: [], answeredAt: null };
  it.each([
    ['five days before: nothing', '2026-11-10T12:00:00.000Z', [], null],
    ['three days before: due soon', '2026-11-12T12:00:00.000Z', [], 'due_soon'],
    ['due soon already sent', '2026-11-13T12:00:00.000Z', ['due_soon'], null],
    ['past the due date: overdue', '2026-11-16T00:00:00.000Z', ['due_soon'], 'overdue'],
    ['overdue already sent', '2026-11-20T00:00:00.000Z', ['due_soon', 'overdue'], null],
  ] as const)('%s', (_name, now, sent, expected) => {
    expect(dueNotice(computeDeadline(request, now), now, sent)).toBe(expected);
  });
});
