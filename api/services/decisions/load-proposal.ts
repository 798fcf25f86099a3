import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { tables, type Transaction } from '../../../db/index.ts';
import { prepared } from '../../../db/prepared.ts';
import type { Database } from '../../../db/index.ts';
import type { TallyInput } from '../../domain/decisions/tally.ts';
import { AppError } from '../errors.ts';

export type ProposalRow = typeof tables.proposals.$inferSelect;

export async function loadProposal(db: Transaction | Database, id: string): Promise<ProposalRow> {
  const proposal = await selectProposal(db).get({ id });
  if (!proposal) throw new AppError('not_found', `No proposal has the id "${id}".`, { id });
  return proposal;
}

// Every ballot reads its proposal: prepared once rather than built each time.
const selectProposal = prepared((db: Database) => db.select().from(tables.proposals).where(eq(tables.proposals.id, sql.placeholder('id'))));

/** Everything the tally of a proposal needs, read from the database, judged at `at`. */
export async function loadTallyInput(db: Transaction | Database, proposal: ProposalRow, at: string): Promise<TallyInput> {
  const ballots = await db.select().from(tables.ballots).where(eq(tables.ballots.proposalId, proposal.id)).orderBy(asc(tables.ballots.seq));
  const delegations = await db.select().from(tables.delegations).where(eq(tables.delegations.kind, proposal.kind));
  const openConcerns = await db
    .select({ id: tables.concerns.id, title: tables.concerns.title, organizationId: tables.concerns.organizationId })
    .from(tables.concerns)
    .where(and(eq(tables.concerns.proposalId, proposal.id), isNull(tables.concerns.resolvedAt)));
  return {
    rules: proposal.policy,
    electorate: proposal.electorate,
    ballots: ballots.map((ballot) => ({
      id: ballot.id,
      organizationId: ballot.organizationId,
      option: ballot.option,
      binding: ballot.binding,
      seq: ballot.seq,
      invalidated: ballot.invalidatedAt !== null,
    })),
    delegations: delegations.map((delegation) => ({
      from: delegation.fromOrganizationId,
      to: delegation.toOrganizationId,
      validFrom: delegation.validFrom,
      validUntil: delegation.validUntil,
      revokedAt: delegation.revokedAt,
    })),
    openConcerns,
    at,
  };
}
