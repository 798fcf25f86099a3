import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import { tables, type Database, type Transaction } from '../../db/index.ts';
import type { ServiceContext } from './context.ts';

/** A message to the outside world, as a channel's deliverer gets it. */
export type OutboxMessage = { id: number; channel: string; key: string; payload: unknown; attempts: number; remoteId: string | null };

/**
 * Queues a call to the outside world in the current write: it is made after the commit, by
 * bots/notify, and never if the write rolls back. The same `key` on a channel is one message: queued
 * again with a new payload, it is delivered again as an edit of the same remote object (its remote
 * id is kept), so a status comment is edited in place rather than repeated.
 */
export async function enqueueOutbox(tx: Transaction, message: { channel: string; key: string; payload: unknown; now: Date; force?: boolean }): Promise<void> {
  const now = message.now.toISOString();
  const { outbox } = tables;
  await tx
    .insert(outbox)
    .values({ channel: message.channel, key: message.key, payload: message.payload, createdAt: now, nextAttemptAt: now })
    .onConflictDoUpdate({
      target: [outbox.channel, outbox.key],
      set: { payload: message.payload, deliveredAt: null, deadAt: null, attempts: 0, nextAttemptAt: now, lastError: null },
      // The same payload again changes nothing (no second call to make), unless the caller knows
      // the remote side drifted (a person changed a label the bot owns) and forces it.
      ...(message.force ? {} : { setWhere: sql`${outbox.payload} IS NOT excluded.payload OR ${outbox.deadAt} IS NOT NULL` }),
    });
}

/** Records that a message can never be delivered: it leaves the channel's queue, kept as a dead letter. */
export async function recordDead(tx: Transaction, message: OutboxMessage, error: string, now: Date): Promise<void> {
  await tx
    .update(tables.outbox)
    .set({ attempts: message.attempts + 1, lastError: error.slice(0, 2000), deadAt: now.toISOString() })
    .where(eq(tables.outbox.id, message.id));
}

/**
 * The messages of a channel to deliver now, in the order they were queued: those before the first
 * one still waiting out its backoff, so a later message never overtakes an earlier one.
 */
export async function listDueMessages(db: Database, channel: string, now: Date, limit: number): Promise<OutboxMessage[]> {
  const { outbox } = tables;
  const rows = await db
    .select({ id: outbox.id, channel: outbox.channel, key: outbox.key, payload: outbox.payload, attempts: outbox.attempts, remoteId: outbox.remoteId, nextAttemptAt: outbox.nextAttemptAt })
    .from(outbox)
    .where(and(eq(outbox.channel, channel), isNull(outbox.deliveredAt), isNull(outbox.deadAt)))
    .orderBy(asc(outbox.id))
    .limit(limit);
  const waiting = rows.findIndex((row) => row.nextAttemptAt > now.toISOString());
  return (waiting < 0 ? rows : rows.slice(0, waiting)).map(({ nextAttemptAt: _next, ...message }) => message);
}

/**
 * Records a delivery. Only the payload that was delivered is marked: if the message was queued
 * again meanwhile, it stays due, and its next delivery edits what this one created.
 */
export async function recordDelivered(tx: Transaction, message: OutboxMessage, remoteId: string | null, now: Date): Promise<void> {
  const { outbox } = tables;
  await tx
    .update(outbox)
    .set({ remoteId: remoteId ?? message.remoteId })
    .where(eq(outbox.id, message.id));
  await tx
    .update(outbox)
    .set({ deliveredAt: now.toISOString(), attempts: message.attempts + 1, lastError: null })
    .where(and(eq(outbox.id, message.id), sql`${outbox.payload} = ${JSON.stringify(message.payload)}`));
}

/** Records a failed attempt and when to try again. */
export async function recordFailed(tx: Transaction, message: OutboxMessage, error: string, retryAt: Date): Promise<void> {
  await tx
    .update(tables.outbox)
    .set({ attempts: message.attempts + 1, lastError: error.slice(0, 2000), nextAttemptAt: retryAt.toISOString() })
    .where(eq(tables.outbox.id, message.id));
}

/** How many messages wait per channel (for health and metrics). */
export async function outboxDepth(db: Database): Promise<Record<string, number>> {
  const rows = await db
    .select({ channel: tables.outbox.channel, waiting: sql<number>`count(*)` })
    .from(tables.outbox)
    .where(and(isNull(tables.outbox.deliveredAt), isNull(tables.outbox.deadAt)))
    .groupBy(tables.outbox.channel);
  return Object.fromEntries(rows.map((row) => [row.channel, Number(row.waiting)]));
}

/** How long a claimed message is left to the process delivering it before another may try (a crash mid-call). */
const CLAIM_MS = 10 * 60_000;

/**
 * Claims a due message for this process by moving its next attempt past the call, if no one has
 * since: two deliverers on one database (the hub and `github sync`) would otherwise both find no
 * comment with the marker and both post one. Delivered, failed or queued again, the row's next
 * attempt is set anew. False when the message is taken, delivered or has a newer payload.
 */
export async function claimMessage(services: ServiceContext, message: OutboxMessage): Promise<boolean> {
  const now = services.clock();
  const { outbox } = tables;
  const claimed = await services.database.write((tx) =>
    tx
      .update(outbox)
      .set({ nextAttemptAt: new Date(now.getTime() + CLAIM_MS).toISOString() })
      .where(
        and(
          eq(outbox.id, message.id),
          isNull(outbox.deliveredAt),
          isNull(outbox.deadAt),
          lte(outbox.nextAttemptAt, now.toISOString()),
          sql`${outbox.payload} = ${JSON.stringify(message.payload)}`,
        ),
      )
      .returning({ id: outbox.id }),
  );
  return claimed.length > 0;
}

/**
 * Where a channel's message stands: the remote id it recorded (a Discord message id, a GitHub
 * comment id; null before its first delivery) and whether it became a dead letter; null if it was never queued.
 */
export async function outboxMessageState(db: Database, channel: string, key: string): Promise<{ remoteId: string | null; isDead: boolean } | null> {
  const [row] = await db
    .select({ remoteId: tables.outbox.remoteId, deadAt: tables.outbox.deadAt })
    .from(tables.outbox)
    .where(and(eq(tables.outbox.channel, channel), eq(tables.outbox.key, key)));
  return row ? { remoteId: row.remoteId, isDead: row.deadAt !== null } : null;
}
