import { tables, type Database } from '../../../db/index.ts';
import type { Actor, ServiceContext } from '../context.ts';
import { visibilityOf } from './access-control.ts';
import { requestPages, selectionWhere, type RequestSelection } from './list-requests.ts';
import { pausesOf, viewRequests, type RequestView } from './request-views.ts';
import { publicViewOf, type RequestRow } from './views.ts';

/** Rows whose pauses (and history) are read in one statement. */
const CHUNK = 500;

/**
 * Every request of the selection, newest first, each as the actor may see it (the JSON export and
 * the site snapshot). The rows are read in one ordered statement and their pauses and history a
 * chunk at a time: reading page after page instead would make SQLite sort the table again for each
 * page, since no index serves this order.
 */
export async function exportRequestViews(ctx: ServiceContext, { actor, filter }: { actor: Actor; filter: RequestSelection }): Promise<RequestView[]> {
  const db = ctx.database.db;
  const now = ctx.clock();
  const [rows, canSeeAll] = await Promise.all([selectAll(db, filter, now), visibilityOf(db, actor)]);
  const views: RequestView[] = [];
  for (let start = 0; start < rows.length; start += CHUNK) views.push(...(await viewRequests(db, canSeeAll, rows.slice(start, start + CHUNK), now.toISOString())));
  return views;
}

const PUBLIC_COLUMNS = ['id', 'type', 'state', 'filedAt', 'dueAt', 'overdue', 'paused', 'answeredAt', 'closedAt', 'updatedAt', 'isDemo'] as const;

/**
 * Every request the selection holds as CSV, newest first: the public columns, plus what the
 * requester wrote for those who may see it. Linear: one read of the rows, one of their pauses per
 * chunk, no history (the CSV has no column for it).
 */
export async function exportRequestsCsv(ctx: ServiceContext, { actor, filter }: { actor: Actor; filter: RequestSelection }): Promise<string> {
  const db = ctx.database.db;
  const now = ctx.clock();
  const [rows, canSeeAll] = await Promise.all([selectAll(db, filter, now), visibilityOf(db, actor)]);
  const full = rows.some((row) => canSeeAll(row));
  const lines = [[...PUBLIC_COLUMNS, ...(full ? ['details', 'confidential'] : [])].join(',')];
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const pauses = await pausesOf(db, chunk);
    for (const row of chunk) {
      const view = publicViewOf(row, pauses.get(row.id) ?? [], now.toISOString());
      const written = full ? (canSeeAll(row) ? [JSON.stringify(row.details), JSON.stringify(row.confidential)] : ['', '']) : [];
      lines.push([...PUBLIC_COLUMNS.map((column) => view[column]), ...written].map(csvCell).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

async function selectAll(db: Database, selection: RequestSelection, now: Date): Promise<RequestRow[]> {
  return db.select().from(tables.requests).where(selectionWhere(selection, now)).orderBy(...requestPages.orderBy);
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // Quote what needs it, and defuse spreadsheet formulas (a cell starting with = + - @).
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replaceAll('"', '""')}"` : safe;
}
