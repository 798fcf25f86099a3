import { sql } from 'drizzle-orm';
import type { ServiceContext } from './context.ts';
import { getLedgerHead } from './ledger.ts';

export type HealthReport = {
  status: 'ok' | 'degraded';
  time: string;
  database: { kind: 'file' | 'memory' | 'remote'; reachable: boolean };
  ledger: { head: number | null };
};

/** Whether the hub can reach its database, and how far the ledger goes. Never throws. */
export async function checkHealth(ctx: ServiceContext): Promise<HealthReport> {
  const time = ctx.clock().toISOString();
  try {
    await ctx.database.db.get(sql`select 1`);
    const head = await getLedgerHead(ctx);
    return { status: 'ok', time, database: { kind: ctx.database.kind, reachable: true }, ledger: { head: head?.seq ?? null } };
  } catch {
    return { status: 'degraded', time, database: { kind: ctx.database.kind, reachable: false }, ledger: { head: null } };
  }
}
