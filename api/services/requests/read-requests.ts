import { and, desc, eq, type SQL } from 'drizzle-orm';
import { tables } from '../../../db/index.ts';
import type { RequestType } from '../../domain/requests/vocabulary.ts';
import type { Actor, ServiceContext } from '../context.ts';
import { decodeCursor, encodeCursor } from '../pagination.ts';
import { canSeeAll } from './access-control.ts';
import { toFullView, toPublicView, type FullRequestView, type PublicRequestView } from './views.ts';
import { loadRequest } from './transition-request.ts';

export type RequestView = PublicRequestView | FullRequestView;

/** One request as the actor may see it: everything for requester and handlers, type/state/dates otherwise. */
export async function getRequest(ctx: ServiceContext, { actor, id }: { actor: Actor; id: string }): Promise<RequestView> {
  const db = ctx.database.db;
  const row = await loadRequest(db, id);
  const now = ctx.clock().toISOString();
  return (await canSeeAll(db, actor, row)) ? toFullView(db, row, now) : toPublicView(db, row, now);
}

export type RequestFilter = { type?: RequestType | undefined; state?: string | undefined; overdue?: boolean | undefined; cursor?: string | undefined; limit: number };

/** Requests, newest first, each as the actor may see it; `overdue` filters on the computed deadline. */
export async function listRequests(ctx: ServiceContext, { actor, filter }: { actor: Actor; filter: RequestFilter }): Promise<{ items: RequestView[]; next: string | null }> {
  const db = ctx.database.db;
  const after = decodeCursor(filter.cursor);
  const conditions: (SQL | undefined)[] = [filter.type ? eq(tables.requests.type, filter.type) : undefined, filter.state ? eq(tables.requests.state, filter.state) : undefined];
  const rows = await db.select().from(tables.requests).where(and(...conditions)).orderBy(desc(tables.requests.filedAt), desc(tables.requests.id));
  const start = after ? rows.findIndex((row) => `${row.filedAt}\u0000${row.id}` === after) + 1 : 0;
  const now = ctx.clock().toISOString();
  const items: RequestView[] = [];
  let last: (typeof rows)[number] | undefined;
  for (const row of rows.slice(start)) {
    const view = (await canSeeAll(db, actor, row)) ? await toFullView(db, row, now) : await toPublicView(db, row, now);
    if (filter.overdue !== undefined && view.overdue !== filter.overdue) continue;
    if (items.length === filter.limit) return { items, next: encodeCursor(`${last!.filedAt}\u0000${last!.id}`) };
    items.push(view);
    last = row;
  }
  return { items, next: null };
}

const PUBLIC_COLUMNS = ['id', 'type', 'state', 'filedAt', 'dueAt', 'overdue', 'paused', 'answeredAt', 'closedAt', 'updatedAt', 'isDemo'] as const;

/** Every request the filter selects as CSV: the public columns, plus the requester's text for those who may see it. */
export async function exportRequestsCsv(ctx: ServiceContext, { actor, filter }: { actor: Actor; filter: Omit<RequestFilter, 'cursor' | 'limit'> }): Promise<string> {
  const all: RequestView[] = [];
  let cursor: string | undefined;
  do {
    const page = await listRequests(ctx, { actor, filter: { ...filter, cursor, limit: 500 } });
    all.push(...page.items);
    cursor = page.next ?? undefined;
  } while (cursor);
  const full = all.some((view) => 'visibility' in view);
  const header = [...PUBLIC_COLUMNS, ...(full ? ['details', 'confidential'] : [])];
  const lines = all.map((view) =>
    [
      ...PUBLIC_COLUMNS.map((column) => view[column]),
      ...(full ? ['visibility' in view ? JSON.stringify(view.details) : '', 'visibility' in view ? JSON.stringify(view.confidential) : ''] : []),
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // Quote what needs it, and defuse spreadsheet formulas (a cell starting with = + - @).
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export type Transparency = {
  generatedAt: string;
  received: number;
  answered: number;
  answeredOnTime: number;
  open: number;
  overdue: number;
  medianResponseDays: number | null;
  byRequesterKind: { requesterKind: string; received: number; answered: number; answeredOnTime: number; medianResponseDays: number | null }[];
};

/** The consortium's record on data-inspection requests: how many, answered in time, how fast, by who asked. */
export async function inspectionTransparency(ctx: ServiceContext): Promise<Transparency> {
  const db = ctx.database.db;
  const now = ctx.clock().toISOString();
  const rows = await db.select().from(tables.requests).where(eq(tables.requests.type, 'inspection'));
  const views = await Promise.all(rows.map(async (row) => ({ row, full: await toFullView(db, row, now) })));
  const summarise = (subset: typeof views) => {
    const answered = subset.filter(({ row }) => row.answeredAt);
    return {
      received: subset.length,
      answered: answered.length,
      answeredOnTime: answered.filter(({ full }) => full.answeredOnTime).length,
      medianResponseDays: median(answered.map(({ row }) => (Date.parse(row.answeredAt!) - Date.parse(row.filedAt)) / 86_400_000)),
    };
  };
  const kinds = [...new Set(rows.map((row) => row.requesterKind ?? 'unknown'))].sort();
  return {
    generatedAt: now,
    ...summarise(views),
    open: views.filter(({ row }) => !row.answeredAt).length,
    overdue: views.filter(({ full }) => full.overdue).length,
    byRequesterKind: kinds.map((kind) => ({ requesterKind: kind, ...summarise(views.filter(({ row }) => (row.requesterKind ?? 'unknown') === kind)) })),
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Math.round(value * 10) / 10;
}
