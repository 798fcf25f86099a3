import type { SiteRequest } from '../../../api/site/site-snapshot.ts';

/**
 * Wording of a request's age and deadline. Pure and independent of the builder's clock: the pages
 * call it with the snapshot's instant, the browser script (scripts/request-ages.ts) with its own.
 */

const DAY = 86_400_000;

/** Whole days from `filedAt` to `now` (never negative). */
export function ageInDays(filedAt: string, now: string | number): number {
  const nowMs = typeof now === 'number' ? now : Date.parse(now);
  return Math.max(0, Math.floor((nowMs - Date.parse(filedAt)) / DAY));
}

/** 0 → "less than a day", 1 → "1 day", 12 → "12 days". */
export function ageText(days: number): string {
  if (days === 0) return 'less than a day';
  return days === 1 ? '1 day' : `${days} days`;
}

export type DueTone = 'paused' | 'overdue' | 'open' | 'in_time' | 'late';

/**
 * Where a request stands against its deadline, in words with a mark that repeats them (never colour
 * alone): waiting for the requester, overdue, open (no words: the due date says it), or — once
 * answered — answered in time or late.
 */
export function dueStatus(request: Pick<SiteRequest, 'dueAt' | 'overdue' | 'paused' | 'answeredAt'>): { tone: DueTone; text: string | null } {
  if (request.paused) return { tone: 'paused', text: '‖ waiting for the requester' };
  if (request.overdue) return { tone: 'overdue', text: '⚠ overdue' };
  if (!request.answeredAt) return { tone: 'open', text: null };
  return request.dueAt !== null && Date.parse(request.answeredAt) <= Date.parse(request.dueAt)
    ? { tone: 'in_time', text: '✓ answered in time' }
    : { tone: 'late', text: '✗ answered late' };
}

/** Days with at most one decimal, as the transparency figures give them: 5 → "5 days", 2.7 → "2.7 days", 1 → "1 day". */
export function daysText(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}
