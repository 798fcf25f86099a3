import { asc, eq } from 'drizzle-orm';
import { tables } from '../../../db/index.ts';
import type { ServiceContext } from '../context.ts';
import { toLedgerEntry } from '../ledger.ts';
import { loadProposal } from './load-proposal.ts';
import type { TimelineEntry } from './view-schemas.ts';

/**
 * A vote's history as the ledger has it: every entry whose subject is `proposal:<id>` (opening,
 * ballots, concerns, subject changes, reminders, close or withdrawal), oldest first. Read from the
 * ledger rather than the tables so that the page shows exactly what `tally verify` recomputes from.
 */
export async function listProposalTimeline(ctx: ServiceContext, proposalId: string): Promise<TimelineEntry[]> {
  await loadProposal(ctx.database.db, proposalId);
  const rows = await ctx.database.db
    .select()
    .from(tables.ledger)
    .where(eq(tables.ledger.subject, `proposal:${proposalId}`))
    .orderBy(asc(tables.ledger.seq));
  return rows.map((row) => {
    const { seq, at, actor, type, data, hash } = toLedgerEntry(row);
    return { seq, at, actor, type, data: isRecord(data) ? data : { value: data }, hash };
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
