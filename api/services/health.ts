import { inArray, sql } from 'drizzle-orm';
import { tables } from '../../db/index.ts';
import { outboxDepth } from './outbox.ts';
import type { ServiceContext } from './context.ts';
import { getLedgerHead } from './ledger.ts';

export type HealthReport = {
  status: 'ok' | 'degraded';
  time: string;
  database: { kind: 'file' | 'memory' | 'remote'; reachable: boolean };
  ledger: { head: number | null };
  /** What waits to go out or be applied: outbox messages per channel, GitHub deliveries, dead letters. */
  queues?: { outbox: Record<string, number>; githubDeliveries: { queued: number; failed: number }; deadLetters: number };
};

/** Whether the hub can reach its database, and how far the ledger goes. Never throws. */
export async function checkHealth(ctx: ServiceContext): Promise<HealthReport> {
  const time = ctx.clock().toISOString();
  try {
    await ctx.database.db.get(sql`select 1`);
    const head = await getLedgerHead(ctx);
    return { status: 'ok', time, database: { kind: ctx.database.kind, reachable: true }, ledger: { head: head?.seq ?? null }, queues: await queueDepths(ctx) };
  } catch {
    return { status: 'degraded', time, database: { kind: ctx.database.kind, reachable: false }, ledger: { head: null } };
  }
}

async function queueDepths(ctx: ServiceContext): Promise<NonNullable<HealthReport['queues']>> {
  const db = ctx.database.db;
  const deliveries = await db
    .select({ state: tables.githubDeliveries.state, count: sql<number>`count(*)` })
    .from(tables.githubDeliveries)
    .where(inArray(tables.githubDeliveries.state, ['queued', 'failed']))
    .groupBy(tables.githubDeliveries.state);
  const count = (state: string) => Number(deliveries.find((row) => row.state === state)?.count ?? 0);
  const [dead] = await db.select({ count: sql<number>`count(*)` }).from(tables.outbox).where(sql`${tables.outbox.deadAt} IS NOT NULL`);
  return { outbox: await outboxDepth(db), githubDeliveries: { queued: count('queued'), failed: count('failed') }, deadLetters: Number(dead?.count ?? 0) };
}
