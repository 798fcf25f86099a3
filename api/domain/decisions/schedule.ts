import type { PolicyEntry } from './policy.ts';

const HOUR = 3_600_000;

/** When a vote may close early at the soonest, and when it closes at the latest. */
export function votingWindow(openedAt: string, policy: Pick<PolicyEntry, 'minimum_duration_hours' | 'maximum_duration_hours'>) {
  const opened = Date.parse(openedAt);
  return {
    minCloseAt: new Date(opened + policy.minimum_duration_hours * HOUR).toISOString(),
    closesAt: new Date(opened + policy.maximum_duration_hours * HOUR).toISOString(),
  };
}

export type CloseDecision = { close: false } | { close: true; at: string; reason: 'deadline' | 'early' };

/**
 * Whether an open vote closes at `now`, and at which instant. A deadline that passed while nobody
 * looked (the hub was down) closes the vote at the deadline, not at `now`. Early close needs the
 * policy's consent, the minimum duration behind us, and an outcome no remaining voter can change.
 */
export function decideClose(
  vote: { minCloseAt: string; closesAt: string; earlyClose: boolean },
  decided: boolean,
  now: string,
): CloseDecision {
  if (now >= vote.closesAt) return { close: true, at: vote.closesAt, reason: 'deadline' };
  if (vote.earlyClose && decided && now >= vote.minCloseAt) return { close: true, at: now, reason: 'early' };
  return { close: false };
}

/** Reminders go out this many hours before the close. */
export const REMINDER_HOURS = [48, 24, 2] as const;

/**
 * The reminders due at `now` that have not been sent: each once, and only the latest one due when
 * several fell due at once (a hub that was down does not send three reminders in a row).
 */
export function dueReminder(closesAt: string, now: string, sent: readonly number[]): number | null {
  const remaining = Date.parse(closesAt) - Date.parse(now);
  if (remaining <= 0) return null;
  const due = REMINDER_HOURS.filter((hours) => remaining <= hours * HOUR && !sent.includes(hours));
  if (due.length === 0) return null;
  const latest = Math.min(...due);
  return sent.some((hours) => hours < latest) ? null : latest;
}
