import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { tables } from '../../../db/index.ts';
import type { Actor, ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { writeWithLedger } from '../ledger.ts';
import { requireMember } from './acting-member.ts';
import { loadProposal } from './load-proposal.ts';

export type ConcernRow = typeof tables.concerns.$inferSelect;

/**
 * Raises a named concern (rfcbot style): while it is open the vote cannot pass. Only delegates of
 * binding organisations of the categories the policy names may raise one, while the vote is open.
 */
export async function raiseConcern(
  ctx: ServiceContext,
  { actor, input }: { actor: Actor; input: { proposalId: string; title: string; body?: string | null | undefined } },
): Promise<ConcernRow> {
  return writeWithLedger(ctx, actor, async (tx, record) => {
    const member = await requireMember(tx, actor);
    const proposal = await loadProposal(tx, input.proposalId);
    if (proposal.state !== 'open') throw new AppError('deadline_passed', `Voting on "${proposal.title}" has closed.`);
    if (!proposal.policy.concerns.enabled) throw new AppError('invalid', `Decisions of kind "${proposal.kind}" take no blocking concerns.`);
    const [organization] = await tx.select({ category: tables.organizations.category }).from(tables.organizations).where(eq(tables.organizations.id, member.organizationId));
    const mayRaise =
      member.roles.includes('delegate') &&
      proposal.electorate.binding.includes(member.organizationId) &&
      organization !== undefined &&
      proposal.policy.concerns.raised_by.includes(organization.category);
    if (!mayRaise)
      throw new AppError('forbidden', `Concerns on this vote are raised by delegates of ${proposal.policy.concerns.raised_by.join(', ')} organisations in its electorate.`);
    const now = ctx.clock().toISOString();
    const row: ConcernRow = {
      id: `concern_${randomBytes(6).toString('base64url')}`,
      proposalId: proposal.id,
      title: input.title.trim(),
      body: input.body ?? null,
      memberId: member.id,
      organizationId: member.organizationId,
      raisedAt: now,
      resolvedAt: null,
      resolvedBy: null,
      resolution: null,
    };
    if (!row.title) throw new AppError('invalid', 'A concern needs a title saying what is wrong.');
    await tx.insert(tables.concerns).values(row);
    record({ type: 'concern.raised', subject: `proposal:${proposal.id}`, data: { concernId: row.id, title: row.title, memberId: member.id, organizationId: member.organizationId } });
    return row;
  });
}

/** Resolves a concern: only its author, or a delegate of the author's organisation. */
export async function resolveConcern(
  ctx: ServiceContext,
  { actor, input }: { actor: Actor; input: { proposalId: string; concernId: string; resolution?: string | null | undefined } },
): Promise<ConcernRow> {
  return writeWithLedger(ctx, actor, async (tx, record) => {
    const member = await requireMember(tx, actor);
    const [concern] = await tx
      .select()
      .from(tables.concerns)
      .where(and(eq(tables.concerns.id, input.concernId), eq(tables.concerns.proposalId, input.proposalId)));
    if (!concern) throw new AppError('not_found', `Proposal "${input.proposalId}" has no concern "${input.concernId}".`);
    if (concern.resolvedAt) throw new AppError('conflict', `The concern “${concern.title}” was resolved at ${concern.resolvedAt}.`);
    const proposal = await loadProposal(tx, input.proposalId);
    if (proposal.state !== 'open') throw new AppError('deadline_passed', `Voting on "${proposal.title}" has closed.`);
    const isAuthor = concern.memberId === member.id;
    const isColleague = member.organizationId === concern.organizationId && member.roles.includes('delegate');
    if (!isAuthor && !isColleague)
      throw new AppError('forbidden', `Only the concern's author or a delegate of ${concern.organizationId} may resolve it.`);
    const now = ctx.clock().toISOString();
    await tx
      .update(tables.concerns)
      .set({ resolvedAt: now, resolvedBy: member.id, resolution: input.resolution ?? null })
      .where(eq(tables.concerns.id, concern.id));
    record({ type: 'concern.resolved', subject: `proposal:${proposal.id}`, data: { concernId: concern.id, memberId: member.id } });
    return { ...concern, resolvedAt: now, resolvedBy: member.id, resolution: input.resolution ?? null };
  });
}

export async function listConcerns(ctx: ServiceContext, proposalId: string): Promise<ConcernRow[]> {
  await loadProposal(ctx.database.db, proposalId);
  return ctx.database.db.select().from(tables.concerns).where(eq(tables.concerns.proposalId, proposalId)).orderBy(tables.concerns.raisedAt);
}
