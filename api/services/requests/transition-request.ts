import { randomBytes } from 'node:crypto';
import { SALTED_DIGEST_SCHEME, saltedDigest } from '../../domain/ledger/salted-digest.ts';
import { and, eq, isNull } from 'drizzle-orm';
import { tables, type Database, type Transaction } from '../../../db/index.ts';
import { ANSWERED_STATES, judgeTransition, MACHINES } from '../../domain/requests/machines.ts';
import { REQUEST_TYPE_NAMES } from '../../domain/requests/request-type-names.ts';
import type { HandlerRole, RequestRole } from '../../domain/requests/vocabulary.ts';
import { actingMemberId, ledgerActor, type Actor, type ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { writeWithLedger, type LedgerEvent } from '../ledger.ts';
import { handlerRolesOf, rolesTowards } from './access-control.ts';
import { toFullView, type FullRequestView, type RequestRow } from './views.ts';

const YEAR = 365 * 86_400_000;

export type TransitionInput = {
  id: string;
  transition: string;
  comment?: string | null | undefined;
  /** `accept`: the registry dataset the nomination became; `grant`: when access must be re-validated. */
  datasetId?: string | undefined;
  revalidateAt?: string | undefined;
};

export async function loadRequest(tx: Transaction | Database, id: string): Promise<RequestRow> {
  const [row] = await tx.select().from(tables.requests).where(eq(tables.requests.id, id));
  if (!row) throw new AppError('not_found', `No request has the id "${id}".`, { id });
  return row;
}

/**
 * Moves a request along its state machine. The machine says which transitions exist, from where, for
 * whom, and which need a comment; refusals are the clear codes of its verdict and write nothing.
 * Waiting for the requester stops the deadline clock; their answer restarts it. Every transition is a
 * ledger entry (states only; a comment is recorded as its digest).
 */
export async function transitionRequest(ctx: ServiceContext, { actor, input }: { actor: Actor; input: TransitionInput }): Promise<FullRequestView> {
  return writeWithLedger(ctx, actor, async (tx, record) => {
    const request = await loadRequest(tx, input.id);
    const roles = await rolesTowards(tx, actor, request);
    if (roles.length === 0 && actor.kind === 'anonymous') throw new AppError('unauthorized', 'Acting on a request needs a bearer token.');
    return transitionRequestInWrite(tx, { actor, input, request, roles, now: ctx.clock().toISOString(), record });
  });
}

/**
 * transitionRequest's work inside a write the caller holds, with the roles the actor acts in: a
 * decision's effect moves its nomination on in the transaction that closes the vote.
 */
export async function transitionRequestInWrite(
  tx: Transaction,
  { actor, input, request, roles, now, record }: { actor: Actor; input: TransitionInput; request: RequestRow; roles: RequestRole[]; now: string; record: (event: LedgerEvent) => void },
): Promise<FullRequestView> {
  const verdict = judgeTransition(request.type, request, input.transition, roles, input.comment);
  if (!verdict.allowed) throw new AppError(verdict.code, verdict.message, { state: request.state, transition: input.transition });
  const changes: Partial<RequestRow> = { state: verdict.to, updatedAt: now };

  if (verdict.transition.pauses) {
    changes.pausedFrom = request.state;
    await tx.insert(tables.requestPauses).values({ requestId: request.id, from: now, to: null });
  } else if (request.pausedFrom !== null) {
    // Any move out of waiting (the requester's answer, a withdrawal, a decision) restarts the clock.
    changes.pausedFrom = null;
    await tx
      .update(tables.requestPauses)
      .set({ to: now })
      .where(and(eq(tables.requestPauses.requestId, request.id), isNull(tables.requestPauses.to)));
  }
  await applyEffects(tx, request, input, changes, now);
  if (!request.answeredAt && ANSWERED_STATES[request.type].includes(verdict.to)) changes.answeredAt = now;
  if (MACHINES[request.type].final.includes(verdict.to)) changes.closedAt = now;

  await tx.update(tables.requests).set(changes).where(eq(tables.requests.id, request.id));
  const by = ledgerActor(actor);
  const comment = input.comment?.trim() || null;
  const commentDigest = comment ? saltedDigest(comment, randomBytes(16).toString('hex')) : null;
  await tx.insert(tables.requestActivity).values({
    requestId: request.id,
    kind: 'transition',
    transition: input.transition,
    fromState: request.state,
    toState: verdict.to,
    actor: by,
    comment,
    commentSalt: commentDigest?.salt ?? null,
    at: now,
  });
  record({
    type: 'request.transitioned',
    subject: `request:${request.id}`,
    data: {
      transition: input.transition,
      from: request.state,
      to: verdict.to,
      ...(commentDigest ? { commentDigest: commentDigest.digest, digestScheme: SALTED_DIGEST_SCHEME } : {}),
    },
  });
  return toFullView(tx, { ...request, ...changes } as RequestRow, now);
}

/** What particular transitions also do, and what they need. */
async function applyEffects(tx: Transaction, request: RequestRow, input: TransitionInput, changes: Partial<RequestRow>, now: string) {
  if (request.type === 'access' && input.transition === 'grant') {
    if (!request.eligibility?.eligible)
      throw new AppError('conflict', 'The requester is not eligible to licence these components; access cannot be granted.', { eligibility: request.eligibility });
    const revalidateAt = input.revalidateAt ? new Date(input.revalidateAt).toISOString() : new Date(Date.parse(now) + YEAR).toISOString();
    if (revalidateAt <= now) throw new AppError('invalid', '"revalidateAt" must be in the future.');
    changes.revalidateAt = revalidateAt;
  }
  if (request.type === 'dataset' && input.transition === 'accept') {
    const [policy] = await tx.select({ kind: tables.policies.kind }).from(tables.policies).where(and(eq(tables.policies.kind, 'dataset_inclusion'), isNull(tables.policies.archivedAt)));
    if (policy) {
      const [proposal] = request.linkedProposalId
        ? await tx.select({ outcome: tables.proposals.outcome }).from(tables.proposals).where(eq(tables.proposals.id, request.linkedProposalId))
        : [];
      if (proposal?.outcome !== 'passed')
        throw new AppError(
          'conflict',
          request.linkedProposalId
            ? `The inclusion vote ${request.linkedProposalId} has not passed (${proposal?.outcome ?? 'still open'}).`
            : 'The dataset_inclusion policy asks for a vote: put the nomination to a vote first.',
          { linkedProposalId: request.linkedProposalId },
        );
    }
    if (input.datasetId) changes.linkedDatasetId = input.datasetId;
  }
}

/** A comment on a request: from its requester or its handlers; visible to them only. */
export async function commentOnRequest(ctx: ServiceContext, { actor, input }: { actor: Actor; input: { id: string; body: string } }): Promise<FullRequestView> {
  return writeWithLedger(ctx, actor, async (tx, record) => {
    const request = await loadRequest(tx, input.id);
    const roles = await rolesTowards(tx, actor, request);
    if (roles.length === 0) throw new AppError(actor.kind === 'anonymous' ? 'unauthorized' : 'forbidden', 'Only the requester and those handling the request comment on it.');
    const body = input.body.trim();
    if (!body) throw new AppError('invalid', 'A comment needs some text.');
    const now = ctx.clock().toISOString();
    const digest = saltedDigest(body, randomBytes(16).toString('hex'));
    await tx.insert(tables.requestActivity).values({ requestId: request.id, kind: 'comment', actor: ledgerActor(actor), comment: body, commentSalt: digest.salt, at: now });
    await tx.update(tables.requests).set({ updatedAt: now }).where(eq(tables.requests.id, request.id));
    record({ type: 'request.commented', subject: `request:${request.id}`, data: { digest: digest.digest, digestScheme: SALTED_DIGEST_SCHEME } });
    return toFullView(tx, { ...request, updatedAt: now }, now);
  });
}

/** Assigns a request to a member who holds one of its handler roles; handlers assign. */
export async function assignRequest(ctx: ServiceContext, { actor, input }: { actor: Actor; input: { id: string; memberId: string } }): Promise<FullRequestView> {
  return writeWithLedger(ctx, actor, async (tx, record) => {
    const request = await loadRequest(tx, input.id);
    const roles = await rolesTowards(tx, actor, request);
    if (!roles.some((role) => role !== 'requester')) throw new AppError(actor.kind === 'anonymous' ? 'unauthorized' : 'forbidden', 'Only those handling the request assign it.');
    const assigneeRoles = (await tx.select({ role: tables.memberRoles.role }).from(tables.memberRoles).where(eq(tables.memberRoles.memberId, input.memberId))).map((row) => row.role);
    if (!assigneeRoles.some((role) => (handlerRolesOf(request.type) as string[]).includes(role as HandlerRole)))
      throw new AppError('invalid', `Member "${input.memberId}" does not handle ${REQUEST_TYPE_NAMES[request.type].many} (${handlerRolesOf(request.type).join(', ')}).`);
    const now = ctx.clock().toISOString();
    await tx.update(tables.requests).set({ assigneeMemberId: input.memberId, updatedAt: now }).where(eq(tables.requests.id, request.id));
    await tx.insert(tables.requestActivity).values({ requestId: request.id, kind: 'assigned', actor: ledgerActor(actor), comment: `assigned to ${input.memberId}`, at: now });
    record({ type: 'request.assigned', subject: `request:${request.id}`, data: { memberId: input.memberId, by: actingMemberId(actor) } });
    return toFullView(tx, { ...request, assigneeMemberId: input.memberId, updatedAt: now }, now);
  });
}
