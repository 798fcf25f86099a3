import { eq, isNull } from 'drizzle-orm';
import { tables } from '../../../db/index.ts';
import { computeDeadline, dueNotice, type DeadlineNotice } from '../../domain/requests/deadlines.ts';
import { systemActor, type ServiceContext } from '../context.ts';
import { writeWithLedger } from '../ledger.ts';
import { loadPauses } from './views.ts';

/**
 * The deadline clock of requests at `now`: a notice three days before an answer is due and one when
 * it becomes overdue, each once per request, as ledger events the notifier delivers. Paused requests
 * (waiting for the requester) get none.
 */
export async function runRequestClock(ctx: ServiceContext, now: string): Promise<{ id: string; notice: DeadlineNotice }[]> {
  const db = ctx.database.db;
  const pending = await db.select().from(tables.requests).where(isNull(tables.requests.answeredAt));
  const sent: { id: string; notice: DeadlineNotice }[] = [];
  for (const request of pending) {
    const deadline = computeDeadline({ filedAt: request.filedAt, periodDays: request.periodDays, pauses: await loadPauses(db, request.id), answeredAt: null }, now);
    const already = (await db.select({ notice: tables.requestNotices.notice }).from(tables.requestNotices).where(eq(tables.requestNotices.requestId, request.id))).map(
      (row) => row.notice as DeadlineNotice,
    );
    const notice = dueNotice(deadline, now, already);
    if (!notice) continue;
    await writeWithLedger(ctx, systemActor('clock'), async (tx, record) => {
      await tx.insert(tables.requestNotices).values({ requestId: request.id, notice, sentAt: now }).onConflictDoNothing();
      record({ type: `request.${notice}`, subject: `request:${request.id}`, data: { type: request.type, dueAt: deadline.dueAt } });
    });
    sent.push({ id: request.id, notice });
  }
  return sent;
}
