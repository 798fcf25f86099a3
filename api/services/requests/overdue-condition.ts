import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { tables } from '../../../db/index.ts';

const DAY_MS = 86_400_000;

/** Milliseconds since the epoch of a stored ISO instant, as `Date.parse` reads it (julianday is exact to the millisecond, the rounding removes float noise). */
const epochMs = (instant: SQLWrapper) => sql`CAST(round((julianday(${instant}) - 2440587.5) * ${DAY_MS}) AS INTEGER)`;

/**
 * 1 when a request is overdue at `now`, else 0: computeDeadline (api/domain/requests/deadlines.ts)
 * in SQL, so a list filtered on it pages in SQL instead of reading every row to compute the flag.
 * Overdue means unanswered, not waiting for the requester (no open pause), and `now` past filing
 * time + the answer period + the time spent in (closed) pauses. overdue-condition.test.ts holds the
 * two to the same answers, to the millisecond.
 */
export function overdueAt(now: Date): SQL<number> {
  const requests = tables.requests;
  const pauses = tables.requestPauses;
  const ofThisRequest = sql`${pauses.requestId} = ${requests.id}`;
  return sql<number>`(CASE WHEN COALESCE(${requests.answeredAt}, '') = ''
    AND NOT EXISTS (SELECT 1 FROM ${pauses} WHERE ${ofThisRequest} AND ${pauses.to} IS NULL)
    AND ${now.getTime()} > ${epochMs(requests.filedAt)} + ${requests.periodDays} * ${DAY_MS}
      + COALESCE((SELECT SUM(${epochMs(pauses.to)} - ${epochMs(pauses.from)}) FROM ${pauses} WHERE ${ofThisRequest}), 0)
    THEN 1 ELSE 0 END)`;
}
