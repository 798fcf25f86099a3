import { describe, expect, it } from 'vitest';
import { decideClose, dueReminder, votingWindow } from './schedule.ts';

describe('votingWindow', () => {
  it('derives the earliest and latest close from the policy', () => {
    expect(votingWindow('2026-11-25T10:00:00.000Z', { minimum_duration_hours: 72, maximum_duration_hours: 336 })).toEqual({
      minCloseAt: '2026-11-28T10:00:00.000Z',
      closesAt: '2026-12-09T10:00:00.000Z',
    });
  });
});

describe('decideClose', () => {
  const vote = { minCloseAt: '2026-11-28T10:00:00.000Z', closesAt: '2026-12-09T10:00:00.000Z', earlyClose: true };
  it.each([
    ['before the minimum duration, even if decided', true, '2026-11-27T10:00:00.000Z', { close: false }],
    ['after the minimum duration when decided', true, '2026-11-29T10:00:00.000Z', { close: true, at: '2026-11-29T10:00:00.000Z', reason: 'early' }],
    ['after the minimum duration when not decided', false, '2026-11-29T10:00:00.000Z', { close: false }],
    ['at the deadline, at the deadline', false, '2026-12-09T10:00:00.000Z', { close: true, at: '2026-12-09T10:00:00.000Z', reason: 'deadline' }],
    ['long after the deadline (hub was down), at the deadline', false, '2026-12-20T08:00:00.000Z', { close: true, at: '2026-12-09T10:00:00.000Z', reason: 'deadline' }],
  ])('%s', (_name, decided, now, expected) => {
    expect(decideClose(vote, decided, now)).toEqual(expected);
  });
  it('never closes early when the policy says so', () => {
    expect(decideClose({ ...vote, earlyClose: false }, true, '2026-11-29T10:00:00.000Z')).toEqual({ close: false });
  });
});

describe('dueReminder', () => {
  const closesAt = '2026-12-09T10:00:00.000Z';
  it.each([
    ['three days before: none', '2026-12-06T10:00:00.000Z', [], null],
    ['47 hours before: the 48-hour one', '2026-12-07T11:00:00.000Z', [], 48],
    ['the 48-hour one already sent', '2026-12-07T11:00:00.000Z', [48], null],
    ['23 hours before, 48 sent: the 24-hour one', '2026-12-08T11:00:00.000Z', [48], 24],
    ['an hour before after downtime: only the 2-hour one', '2026-12-09T09:00:00.000Z', [], 2],
    ['after the close: none', '2026-12-09T10:00:01.000Z', [], null],
  ])('%s', (_name, now, sent, expected) => {
    expect(dueReminder(closesAt, now, sent)).toBe(expected);
  });
});
