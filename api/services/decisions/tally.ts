import { and, asc, eq, isNull } from 'drizzle-orm';
import { tables } from '../../../db/index.ts';
import { computeTally, type Tally } from '../../domain/decisions/tally.ts';
import type { BallotOption } from '../../domain/decisions/policy.ts';
import type { BallotChannel, Outcome } from '../../domain/decisions/vocabulary.ts';
import { systemActor, type ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { writeWithLedger } from '../ledger.ts';
import { applyDecisionEffect } from './decision-effects.ts';
import { loadProposal, loadTallyInput } from './load-proposal.ts';

export type TallyView =
  | ({
      proposalId: string;
      state: 'open' | 'closed';
      secret: false;
      /** How the vote ended (null while open); `outcome` is what the count says at `at`. */
      final: Outcome | null;
      at: string;
    } & Tally)
  | {
      proposalId: string;
      state: 'open';
      secret: true;
      at: string;
      /** Who has voted is public (reminders name who has not); how they voted is not, until close. */
      electorateSize: number;
      voted: string[];
      notVoted: string[];
      explanation: string[];
    };

/** The tally now (open votes) or as closed. A secret vote shows only its turnout until it closes. */
export async function getTally(ctx: ServiceContext, proposalId: string): Promise<TallyView> {
  const proposal = await loadProposal(ctx.database.db, proposalId);
  if (proposal.state === 'closed' && proposal.tally)
    return { proposalId, state: 'closed', secret: false, final: proposal.outcome, at: proposal.closedAt!, ...proposal.tally };
  const at = proposal.state === 'closed' ? proposal.closedAt! : ctx.clock().toISOString();
  const tally = computeTally(await loadTallyInput(ctx.database.db, proposal, at));
  if (proposal.policy.secret && proposal.state === 'open')
    return {
      proposalId,
      state: 'open',
      secret: true,
      at,
      electorateSize: tally.electorateSize,
      voted: tally.counted.map((vote) => vote.organizationId),
      notVoted: tally.notVoted,
      explanation: [`${tally.counted.length} of ${tally.electorateSize} binding organisations voted. Ballots are secret until the vote closes.`],
    };
  return { proposalId, state: proposal.state, secret: false, final: proposal.outcome, at, ...tally };
}

/**
 * Closes an open vote at `at` (its deadline, or now for an early close): the tally at that instant
 * becomes its outcome, stored with the proposal and written to the ledger with every counted vote —
 * and, for a secret vote, every ballot's option and salt, so anyone can check the receipts.
 */
export async function closeProposal(ctx: ServiceContext, input: { id: string; at: string; reason: 'deadline' | 'early' }) {
  return writeWithLedger(ctx, systemActor('clock'), async (tx, record) => {
    const proposal = await loadProposal(tx, input.id);
    if (proposal.state !== 'open') throw new AppError('conflict', `Proposal "${input.id}" is already closed.`);
    const tally = computeTally(await loadTallyInput(tx, proposal, input.at));
    const reveal = proposal.policy.secret
      ? (
          await tx
            .select({ ballotId: tables.ballots.id, option: tables.ballots.option, salt: tables.ballots.salt })
            .from(tables.ballots)
            .where(eq(tables.ballots.proposalId, proposal.id))
            .orderBy(asc(tables.ballots.seq))
        ).map((ballot) => ({ ...ballot, salt: ballot.salt! }))
      : undefined;
    const now = ctx.clock().toISOString();
    await tx
      .update(tables.proposals)
      .set({ state: 'closed', outcome: tally.outcome, closedAt: input.at, tally, updatedAt: now })
      .where(and(eq(tables.proposals.id, proposal.id), eq(tables.proposals.state, 'open')));
    record({
      type: 'proposal.closed',
      subject: `proposal:${proposal.id}`,
      data: {
        outcome: tally.outcome,
        closedAt: input.at,
        reason: input.reason,
        counts: tally.counts,
        counted: tally.counted.map(({ organizationId, option, ballotId, via }) => ({ organizationId, option, ballotId, via })),
        ...(reveal ? { reveal } : {}),
      },
    });
    const effect = await applyDecisionEffect(tx, { proposal, outcome: tally.outcome, closedAt: input.at, now, record });
    return { ...proposal, state: 'closed' as const, outcome: tally.outcome, closedAt: input.at, tally, effect };
  });
}

export type BallotView = {
  ballotId: string;
  organizationId: string;
  memberId: string;
  option: BallotOption;
  binding: boolean;
  reason: string | null;
  channel: BallotChannel;
  castAt: string;
  /** This ballot is its organisation's latest valid one. */
  current: boolean;
  invalidatedAt: string | null;
  receipt: string | null;
  salt: string | null;
};

/** Every ballot of a vote, history included. Secret votes publish theirs at close, salts with them. */
export async function listBallots(ctx: ServiceContext, proposalId: string): Promise<BallotView[]> {
  const proposal = await loadProposal(ctx.database.db, proposalId);
  if (proposal.policy.secret && proposal.state === 'open')
    throw new AppError('forbidden', 'The ballots of a secret vote are published when it closes; the tally shows who has voted.');
  const rows = await ctx.database.db.select().from(tables.ballots).where(eq(tables.ballots.proposalId, proposalId)).orderBy(asc(tables.ballots.seq));
  const latest = new Map<string, string>();
  for (const row of rows) if (!row.invalidatedAt) latest.set(row.organizationId, row.id);
  return rows.map((row) => ({
    ballotId: row.id,
    organizationId: row.organizationId,
    memberId: row.memberId,
    option: row.option,
    binding: row.binding,
    reason: row.reason,
    channel: row.channel,
    castAt: row.castAt,
    current: latest.get(row.organizationId) === row.id,
    invalidatedAt: row.invalidatedAt,
    receipt: row.commitment,
    salt: row.salt,
  }));
}

/** Open concerns of a vote, for explanations elsewhere. */
export async function countOpenConcerns(ctx: ServiceContext, proposalId: string): Promise<number> {
  const rows = await ctx.database.db
    .select({ id: tables.concerns.id })
    .from(tables.concerns)
    .where(and(eq(tables.concerns.proposalId, proposalId), isNull(tables.concerns.resolvedAt)));
  return rows.length;
}
