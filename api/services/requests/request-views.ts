import { asc, sql } from 'drizzle-orm';
import { tables, type Database } from '../../../db/index.ts';
import type { Visibility } from './access-control.ts';
import { fullViewOf, publicViewOf, type ActivityRow, type FullRequestView, type PublicRequestView, type RequestRow } from './views.ts';
import type { Pause } from '../../domain/requests/deadlines.ts';

export type RequestView = PublicRequestView | FullRequestView;

/**
 * The views of many requests, in the rows' order, each as much as `canSeeAll` (visibilityOf the
 * reader) allows, in two statements whatever their number: the rows' pauses, and the history of
 * those shown in full. (One request at a time cost two to four statements a row.)
 */
export async function viewRequests(db: Database, canSeeAll: Visibility, rows: readonly RequestRow[], now: string): Promise<RequestView[]> {
  if (rows.length === 0) return [];
  const full = rows.filter((row) => canSeeAll(row));
  const [pauses, activity] = await Promise.all([pausesOf(db, rows), full.length > 0 ? activityOf(db, full) : new Map<string, ActivityRow[]>()]);
  return rows.map((row) => (canSeeAll(row) ? fullViewOf(row, pauses.get(row.id) ?? [], activity.get(row.id) ?? [], now) : publicViewOf(row, pauses.get(row.id) ?? [], now)));
}

/** The pauses of the rows' requests, oldest first, by request id: one statement. */
export async function pausesOf(db: Database, rows: readonly { id: string }[]): Promise<Map<string, Pause[]>> {
  const pauses = tables.requestPauses;
  const found = await db
    .select({ requestId: pauses.requestId, from: pauses.from, to: pauses.to })
    .from(pauses)
    .where(sql`${pauses.requestId} IN (SELECT value FROM json_each(${idsOf(rows)}))`)
    .orderBy(asc(pauses.requestId), asc(pauses.from));
  return Map.groupBy(found, (pause) => pause.requestId);
}

async function activityOf(db: Database, rows: readonly { id: string }[]): Promise<Map<string, ActivityRow[]>> {
  const activity = tables.requestActivity;
  const found = await db
    .select()
    .from(activity)
    .where(sql`${activity.requestId} IN (SELECT value FROM json_each(${idsOf(rows)}))`)
    .orderBy(asc(activity.requestId), asc(activity.id));
  return Map.groupBy(found, (entry) => entry.requestId);
}

// The ids as one JSON array parameter: the SQL text is the same for any count, so it is prepared
// once (db/statement-cache.ts), and no count of `?` can exceed SQLite's limit.
const idsOf = (rows: readonly { id: string }[]) => JSON.stringify(rows.map((row) => row.id));
