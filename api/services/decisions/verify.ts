import { asc, eq, like } from 'drizzle-orm';
import { tables } from '../../../db/index.ts';
import { verifyTallyFromLedger, type TallyVerification } from '../../domain/decisions/verify-tally.ts';
import type { ServiceContext } from '../context.ts';
import { toLedgerEntry } from '../ledger.ts';
import { loadProposal } from './load-proposal.ts';

/** Recomputes a vote's outcome from the ledger alone (`agora tally verify ID`). */
export async function verifyProposalTally(ctx: ServiceContext, proposalId: string): Promise<TallyVerification> {
  await loadProposal(ctx.database.db, proposalId);
  const read = (where: ReturnType<typeof eq>) => ctx.database.db.select().from(tables.ledger).where(where).orderBy(asc(tables.ledger.seq));
  const proposalEntries = (await read(eq(tables.ledger.subject, `proposal:${proposalId}`))).map(toLedgerEntry);
  const delegationEntries = (await read(like(tables.ledger.subject, 'delegation:%'))).map(toLedgerEntry);
  return verifyTallyFromLedger(proposalId, proposalEntries, delegationEntries);
}
