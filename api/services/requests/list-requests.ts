import { and, eq, type SQL } from 'drizzle-orm';
import { tables } from '../../../db/index.ts';
import type { RequestType } from '../../domain/requests/vocabulary.ts';
import type { Actor, ServiceContext } from '../context.ts';
import { pagedList, type Page } from '../pagination.ts';
import { visibilityOf } from './access-control.ts';
import { overdueAt } from './overdue-condition.ts';
import { viewRequests, type RequestView } from './request-views.ts';

export type RequestSelection = { type?: RequestType | undefined; state?: string | undefined; overdue?: boolean | undefined };
export type RequestFilter = RequestSelection & { cursor?: string | undefined; limit: number };

/** Newest first; requests filed at the same instant by id. */
export const requestPages = pagedList({ name: 'requests', direction: 'desc', columns: [tables.requests.filedAt, tables.requests.id] });

/** The WHERE of a selection at `now`: the overdue flag is computed in SQL at the time of asking. */
export function selectionWhere(selection: RequestSelection, now: Date): SQL | undefined {
  const requests = tables.requests;
  return and(
    selection.type ? eq(requests.type, selection.type) : undefined,
    selection.state ? eq(requests.state, selection.state) : undefined,
    selection.overdue === undefined ? undefined : eq(overdueAt(now), selection.overdue ? 1 : 0),
  );
}

/**
 * Requests, newest first, each as the actor may see it, a page at a time: the page is cut in SQL
 * (filters, overdue flag and cursor in the WHERE, `limit + 1` rows), so it reads its own rows.
 */
export async function listRequests(ctx: ServiceContext, { actor, filter }: { actor: Actor; filter: RequestFilter }): Promise<Page<RequestView>> {
  const db = ctx.database.db;
  const now = ctx.clock();
  const { type, state, overdue } = filter;
  const paging = requestPages.open(filter.cursor, { type, state, overdue });
  const rows = await db
    .select()
    .from(tables.requests)
    .where(and(selectionWhere(filter, now), paging.after))
    .orderBy(...requestPages.orderBy)
    .limit(filter.limit + 1);
  const page = paging.page(rows, filter.limit, (row) => [row.filedAt, row.id]);
  return { items: await viewRequests(db, await visibilityOf(db, actor), page.items, now.toISOString()), next: page.next };
}
