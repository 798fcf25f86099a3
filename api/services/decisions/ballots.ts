import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { tables, type Database, type Transaction } from '../../../db/index.ts';
import { prepared } from '../../../db/prepared.ts';
import type { BallotOption } from '../../domain/decisions/policy.ts';
import { commitBallot } from '../../domain/decisions/secret-ballot.ts';
import type { BallotChannel } from '../../domain/decisions/vocabulary.ts';
import type { Actor, ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { writeWithLedger } from '../ledger.ts';
import { requireMember } from './acting-member.ts';
import { loadProposal } from './load-proposal.ts';

export type BallotReceipt = {
  ballotId: string;
  proposalId: string;
  organizationId: string;
  binding: boolean;
  option: BallotOption;
  castAt: string;
  /** Secret ballots: the commitment published now; check it against the list revealed at close. */
  receipt: string | null;
  /** The ballot this one replaced (the organisation's previous latest), if any. */
  replaces: string | null;
  /** True when `keepIfSame` found this very ballot already standing and recorded nothing new. */
  unchanged?: boolean;
};

/**
 * Casts or changes a ballot. A delegate of an organisation in the binding electorate casts that
 * organisation's binding ballot (the latest counts; earlier ones stay in history); a member of an
 * advisory organisation votes for the record. Everyone else, and anyone after the close, is refused.
 * The same ballot whichever surface it came from: the channel is recorded, nothing else differs.
 */
export async function castBallot(
  ctx: ServiceContext,
  {
    actor,
    input,
  }: {
    actor: Actor;
    input: {
      proposalId: string;
      option: BallotOption;
      reason?: string | null | undefined;
      channel: BallotChannel;
      /**
       * When the organisation's standing ballot is this member's, with this option and reason, record
       * nothing and answer that ballot: a double click or a retried Discord interaction is one ballot.
       */
      keepIfSame?: boolean;
    };
  },
): Promise<BallotReceipt> {
  return writeWithLedger(ctx, actor, async (tx, record) => {
    const member = await requireMember(tx, actor);
    const proposal = await loadProposal(tx, input.proposalId);
    const now = ctx.clock().toISOString();
    if (proposal.state !== 'open') throw new AppError('deadline_passed', `Voting on "${proposal.title}" has closed (${proposal.outcome}).`);
    if (now >= proposal.closesAt) throw new AppError('deadline_passed', `Voting on "${proposal.title}" closed at ${proposal.closesAt}.`);
    if (!proposal.policy.options.includes(input.option))
      throw new AppError('invalid', `"${input.option}" is not an option of this vote (${proposal.policy.options.join(', ')}).`);
    const binding = proposal.electorate.binding.includes(member.organizationId);
    const advisory = proposal.electorate.advisory.includes(member.organizationId);
    if (binding && !member.roles.includes('delegate'))
      throw new AppError('forbidden', `Only delegates of ${member.organizationId} cast its binding ballot.`);
    if (!binding && !advisory)
      throw new AppError('forbidden', `${member.organizationId} is not in this vote's electorate (as snapshotted when it opened).`, {
        organizationId: member.organizationId,
      });

    const replaced = await selectLatestBallot(tx).get({ proposalId: proposal.id, organizationId: member.organizationId });
    if (input.keepIfSame && replaced && replaced.memberId === member.id && replaced.option === input.option && (replaced.reason ?? null) === (input.reason ?? null))
      return { ballotId: replaced.id, proposalId: proposal.id, organizationId: member.organizationId, binding, option: input.option, castAt: replaced.castAt, receipt: replaced.commitment, replaces: null, unchanged: true };
    const ballotId = `ballot_${randomBytes(9).toString('base64url')}`;
    const secret = proposal.policy.secret;
    const salt = secret ? randomBytes(16).toString('hex') : null;
    const commitment = salt ? commitBallot(ballotId, input.option, salt) : null;
    await insertBallot(tx).run({
      id: ballotId,
      proposalId: proposal.id,
      memberId: member.id,
      organizationId: member.organizationId,
      option: input.option,
      binding,
      reason: input.reason ?? null,
      channel: input.channel,
      castAt: now,
      salt,
      commitment,
    });
    record({
      type: 'ballot.cast',
      subject: `proposal:${proposal.id}`,
      data: {
        ballotId,
        memberId: member.id,
        organizationId: member.organizationId,
        binding,
        channel: input.channel,
        ...(secret ? { commitment } : { option: input.option }),
      },
    });
    return { ballotId, proposalId: proposal.id, organizationId: member.organizationId, binding, option: input.option, castAt: now, receipt: commitment, replaces: replaced?.id ?? null };
  });
}

/** The organisation's ballot that counts now, the one a new ballot replaces. */
const selectLatestBallot = prepared((db: Database) =>
  db
    .select({ id: tables.ballots.id, memberId: tables.ballots.memberId, option: tables.ballots.option, reason: tables.ballots.reason, castAt: tables.ballots.castAt, commitment: tables.ballots.commitment })
    .from(tables.ballots)
    .where(
      and(
        eq(tables.ballots.proposalId, sql.placeholder('proposalId')),
        eq(tables.ballots.organizationId, sql.placeholder('organizationId')),
        isNull(tables.ballots.invalidatedAt),
      ),
    )
    .orderBy(desc(tables.ballots.seq))
    .limit(1),
);

const insertBallot = prepared((db: Transaction) =>
  db.insert(tables.ballots).values({
    id: sql.placeholder('id'),
    proposalId: sql.placeholder('proposalId'),
    memberId: sql.placeholder('memberId'),
    organizationId: sql.placeholder('organizationId'),
    option: sql.placeholder('option'),
    binding: sql.placeholder('binding'),
    reason: sql.placeholder('reason'),
    channel: sql.placeholder('channel'),
    castAt: sql.placeholder('castAt'),
    salt: sql.placeholder('salt'),
    commitment: sql.placeholder('commitment'),
  }),
);
