import { and, asc, eq, inArray } from 'drizzle-orm';
import { tables } from '../../../db/index.ts';
import type { ServiceContext } from '../context.ts';

/** A request's move through its states, as anyone may see it: the ledger has the same (states only). */
export type PublicTimelineEntry = { at: string; transition: string; from: string; to: string };

/**
 * The transitions of these requests, oldest first: what the public ledger records of them
 * (`request.transitioned`). Who moved them and their comments stay with the full view.
 */
export async function publicTimelines(ctx: ServiceContext, requestIds: string[]): Promise<Map<string, PublicTimelineEntry[]>> {
  const timelines = new Map<string, PublicTimelineEntry[]>(requestIds.map((id) => [id, []]));
  const { requestActivity } = tables;
  for (let start = 0; start < requestIds.length; start += 500) {
    const rows = await ctx.database.db
      .select({ requestId: requestActivity.requestId, at: requestActivity.at, transition: requestActivity.transition, from: requestActivity.fromState, to: requestActivity.toState })
      .from(requestActivity)
      .where(and(inArray(requestActivity.requestId, requestIds.slice(start, start + 500)), eq(requestActivity.kind, 'transition')))
      .orderBy(asc(requestActivity.id));
    for (const row of rows) if (row.transition && row.from && row.to) timelines.get(row.requestId)?.push({ at: row.at, transition: row.transition, from: row.from, to: row.to });
  }
  return timelines;
}
