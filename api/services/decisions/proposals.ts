import { randomBytes } from 'node:crypto';
import { and, eq, isNull, type SQL } from 'drizzle-orm';
import { tables, type Transaction } from '../../../db/index.ts';
import type { ProposalSubject } from '../../../db/schema/decisions.ts';
import { snapshotElectorate } from '../../domain/decisions/electorate.ts';
import type { PolicyEntry } from '../../domain/decisions/policy.ts';
import { subjectRefOf } from '../../domain/decisions/effects.ts';
import { votingWindow } from '../../domain/decisions/schedule.ts';
import type { ProposalState } from '../../domain/decisions/vocabulary.ts';
import { ledgerActor, utcDate, type Actor, type ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { writeWithLedger, type LedgerEvent } from '../ledger.ts';
import { pagedList, type Page } from '../pagination.ts';
import { memberOrOperator } from './acting-member.ts';
import { applyDecisionEffect } from './decision-effects.ts';
import { loadProposal, type ProposalRow } from './load-proposal.ts';
import { checkSubject } from './check-subject.ts';
import { checkPreconditions } from './preconditions.ts';

const MAY_PROPOSE = ['delegate', 'secretariat', 'release_manager', 'data_steward'] as const;

export type OpenProposalInput = {
  id?: string | undefined;
  kind: string;
  title: string;
  description?: string | null | undefined;
  subject: ProposalSubject;
  /** An open vote of the same kind on the same subject that this one replaces: it closes as `superseded`. */
  supersedes?: string | undefined;
  isDemo?: boolean;
};

/**
 * Opens a vote under the policy of its kind: checks the policy's preconditions (a release needs a
 * complete model card and a completed run for its checkpoint), pins the subject, snapshots the
 * policy and the electorate, and fixes the voting window. Delegates, the secretariat and release
 * managers may open votes; so may an operator.
 */
export async function openProposal(ctx: ServiceContext, { actor, input }: { actor: Actor; input: OpenProposalInput }): Promise<ProposalRow> {
  return writeWithLedger(ctx, actor, (tx, record) => openProposalInWrite(tx, { now: ctx.clock(), actor, input, record }));
}

/**
 * openProposal's work inside a write that the caller holds, so a use-case that opens a vote as a
 * part of something else (a nomination put to the vote) stays one transaction: the checks and the
 * proposal see the same data and commit together.
 */
export async function openProposalInWrite(
  tx: Transaction,
  { now: instant, actor, input, record }: { now: Date; actor: Actor; input: OpenProposalInput; record: (event: LedgerEvent) => void },
): Promise<ProposalRow> {
  const [policyRow] = await tx.select().from(tables.policies).where(and(eq(tables.policies.kind, input.kind), isNull(tables.policies.archivedAt)));
  if (!policyRow) throw new AppError('invalid', `No policy governs decisions of kind "${input.kind}".`, { kind: input.kind });
  const policy: PolicyEntry = policyRow.definition;
  const member = await memberOrOperator(tx, actor);
  if (member && !member.roles.some((role) => (MAY_PROPOSE as readonly string[]).includes(role)))
    throw new AppError('forbidden', `Opening a vote needs one of the roles ${MAY_PROPOSE.join(', ')}.`);
  const superseded = input.supersedes ? await supersedable(tx, input.supersedes, input.kind, input.subject) : null;
  await checkSubject(tx, input.kind, input.subject, input.supersedes);
  const check = await checkPreconditions(tx, policy, input.subject);
  if (!check.ok) throw new AppError('conflict', `The ${policy.title.toLowerCase()} cannot be opened: ${check.reasons.join(' ')}`, { reasons: check.reasons });

  const now = instant.toISOString();
  const id = input.id ?? `prop_${randomBytes(6).toString('base64url')}`;
  const [existing] = await tx.select({ id: tables.proposals.id }).from(tables.proposals).where(eq(tables.proposals.id, id));
  if (existing) throw new AppError('conflict', `A proposal with the id "${id}" already exists.`, { id });
  const organizations = await tx.select().from(tables.organizations);
  const electorate = snapshotElectorate(
    organizations.map((org) => ({ id: org.id, category: org.category, joined: org.joined, left: org.left, archived: org.archivedAt !== null })),
    policy,
    utcDate(new Date(now)),
  );
  const window = votingWindow(now, policy);
  const row: ProposalRow = {
    id,
    kind: input.kind,
    title: input.title,
    description: input.description ?? null,
    subject: check.subject,
    policy,
    electorate,
    state: 'open',
    outcome: null,
    openedAt: now,
    ...window,
    closedAt: null,
    openedBy: ledgerActor(actor),
    tally: null,
    isDemo: input.isDemo ?? false,
    updatedAt: now,
  };
  if (superseded) await supersede(tx, { old: superseded, by: row.id, now, record });
  await tx.insert(tables.proposals).values(row);
  record({
    type: 'proposal.opened',
    subject: `proposal:${id}`,
    data: { kind: input.kind, subject: check.subject, rules: policy, electorate, ...window, ...(input.supersedes ? { supersedes: input.supersedes } : {}) },
  });
  return row;
}

/** The open vote a new one may replace: the same kind, on the same subject. */
async function supersedable(tx: Transaction, id: string, kind: string, subject: ProposalSubject) {
  const [old] = await tx.select().from(tables.proposals).where(eq(tables.proposals.id, id));
  if (!old) throw new AppError('invalid', `supersedes: no proposal has the id "${id}".`, { field: 'supersedes' });
  if (old.kind !== kind || subjectRefOf(old.subject) !== subjectRefOf(subject))
    throw new AppError('invalid', `supersedes: ${id} is a ${old.kind} vote on ${subjectRefOf(old.subject)}; a vote replaces only one of its own kind on the same subject.`, { field: 'supersedes' });
  if (old.state !== 'open') throw new AppError('conflict', `supersedes: ${id} is already closed (${old.outcome}).`, { field: 'supersedes' });
  return old;
}

/** Closes the vote a new one replaces as `superseded`, its subject left as it was. */
async function supersede(tx: Transaction, { old, by, now, record }: { old: typeof tables.proposals.$inferSelect; by: string; now: string; record: (event: LedgerEvent) => void }) {
  await tx.update(tables.proposals).set({ state: 'closed', outcome: 'superseded', closedAt: now, updatedAt: now }).where(eq(tables.proposals.id, old.id));
  record({ type: 'proposal.superseded', subject: `proposal:${old.id}`, data: { closedAt: now, by } });
  await applyDecisionEffect(tx, { proposal: old, outcome: 'superseded', closedAt: now, now, record });
  // A nomination put to the old vote is decided by the new one.
  const relinked = await tx.update(tables.requests).set({ linkedProposalId: by, updatedAt: now }).where(eq(tables.requests.linkedProposalId, old.id)).returning({ id: tables.requests.id });
  for (const request of relinked) record({ type: 'request.put_to_vote', subject: `request:${request.id}`, data: { proposalId: by, supersedes: old.id } });
}

/** Withdraws an open vote: its proposer, the secretariat or an operator. Ballots stay in history. */
export async function withdrawProposal(ctx: ServiceContext, { actor, input }: { actor: Actor; input: { id: string; reason?: string | undefined } }) {
  return writeWithLedger(ctx, actor, async (tx, record) => {
    const proposal = await loadProposal(tx, input.id);
    if (proposal.state !== 'open') throw new AppError('conflict', `Proposal "${input.id}" is already closed (${proposal.outcome}).`);
    const member = await memberOrOperator(tx, actor);
    if (member && `member:${member.id}` !== proposal.openedBy && !member.roles.includes('secretariat'))
      throw new AppError('forbidden', 'Only the proposer or the secretariat may withdraw a vote.');
    const now = ctx.clock().toISOString();
    await tx.update(tables.proposals).set({ state: 'closed', outcome: 'withdrawn', closedAt: now, updatedAt: now }).where(eq(tables.proposals.id, input.id));
    record({ type: 'proposal.withdrawn', subject: `proposal:${input.id}`, data: { closedAt: now, ...(input.reason ? { reason: input.reason } : {}) } });
    const effect = await applyDecisionEffect(tx, { proposal, outcome: 'withdrawn', closedAt: now, now, record });
    return { ...proposal, state: 'closed' as const, outcome: 'withdrawn' as const, closedAt: now, effect };
  });
}

/**
 * Re-takes the electorate snapshot of an open vote (organisations joined or left): an explicit act of
 * the secretariat or an operator, recorded with the organisations added and removed.
 */
export async function refreshElectorate(ctx: ServiceContext, { actor, input }: { actor: Actor; input: { id: string } }) {
  return writeWithLedger(ctx, actor, async (tx, record) => {
    const proposal = await loadProposal(tx, input.id);
    if (proposal.state !== 'open') throw new AppError('conflict', `Proposal "${input.id}" is closed; its electorate is final.`);
    const member = await memberOrOperator(tx, actor);
    if (member && !member.roles.includes('secretariat')) throw new AppError('forbidden', 'Only the secretariat may refresh an electorate.');
    const organizations = await tx.select().from(tables.organizations);
    const now = ctx.clock().toISOString();
    const electorate = snapshotElectorate(
      organizations.map((org) => ({ id: org.id, category: org.category, joined: org.joined, left: org.left, archived: org.archivedAt !== null })),
      proposal.policy,
      utcDate(new Date(now)),
    );
    const before = new Set([...proposal.electorate.binding, ...proposal.electorate.advisory]);
    const after = new Set([...electorate.binding, ...electorate.advisory]);
    await tx.update(tables.proposals).set({ electorate, updatedAt: now }).where(eq(tables.proposals.id, input.id));
    record({
      type: 'proposal.electorate_refreshed',
      subject: `proposal:${input.id}`,
      data: { electorate, added: [...after].filter((id) => !before.has(id)), removed: [...before].filter((id) => !after.has(id)) },
    });
    return { ...proposal, electorate };
  });
}

export { loadProposal as getProposalRow };

/** Newest first; proposals opened at the same instant by id. */
const proposalPages = pagedList({ name: 'proposals', direction: 'desc', columns: [tables.proposals.openedAt, tables.proposals.id] });

/** Proposals, newest first, optionally by state or kind. */
export async function listProposals(
  ctx: ServiceContext,
  filter: { state?: ProposalState | undefined; kind?: string | undefined; cursor?: string | undefined; limit: number },
): Promise<Page<ProposalRow>> {
  const paging = proposalPages.open(filter.cursor, { state: filter.state, kind: filter.kind });
  const table = tables.proposals;
  const conditions: (SQL | undefined)[] = [
    filter.state ? eq(table.state, filter.state) : undefined,
    filter.kind ? eq(table.kind, filter.kind) : undefined,
    paging.after,
  ];
  const rows = await ctx.database.db.select().from(table).where(and(...conditions)).orderBy(...proposalPages.orderBy).limit(filter.limit + 1);
  return paging.page(rows, filter.limit, (row) => [row.openedAt, row.id]);
}
