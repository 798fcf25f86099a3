import { AsyncLocalStorage } from 'node:async_hooks';
import type { ServiceContext } from '../services/context.ts';

/**
 * How long an answer holds by the clock alone: `Infinity` when it never read the time, the next
 * midnight UTC when it read only the date, and the very instant it was computed when it read the
 * time itself (an open tally, a deadline, an overdue flag), which no cache may serve later.
 */
export type TimeUse = { holdsUntil: number };

const use = new AsyncLocalStorage<TimeUse>();

/**
 * The services as the API's handlers get them: the same database and clock, except that reading
 * the clock or the date is noted for the request being answered, so the read cache keeps an answer
 * only as long as it is true (DESIGN: answers that depend on the current time are computed at the
 * time of asking, cached or not).
 */
export function noticingTimeUse(services: ServiceContext): ServiceContext {
  const clock = services.clock;
  return {
    ...services,
    clock: () => {
      const now = clock();
      const current = use.getStore();
      if (current) current.holdsUntil = Math.min(current.holdsUntil, now.getTime());
      return now;
    },
    today: () => {
      const now = clock();
      const current = use.getStore();
      if (current) current.holdsUntil = Math.min(current.holdsUntil, nextUtcMidnight(now));
      return now.toISOString().slice(0, 10);
    },
  };
}

/** Runs `work` and tells how long its answer holds by the clock. */
export async function withTimeUse<T>(work: () => Promise<T>): Promise<{ value: T; holdsUntil: number }> {
  const noted: TimeUse = { holdsUntil: Infinity };
  const value = await use.run(noted, work);
  return { value, holdsUntil: noted.holdsUntil };
}

function nextUtcMidnight(now: Date): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
}
