import { eq } from 'drizzle-orm';
import { tables } from '../../../db/index.ts';
import type { Actor, ServiceContext } from '../context.ts';
import { openProposalInWrite } from '../decisions/proposals.ts';
import { AppError } from '../errors.ts';
import { writeWithLedger } from '../ledger.ts';
import { rolesTowards } from './access-control.ts';
import { loadRequest } from './transition-request.ts';
import { toFullView, type FullRequestView } from './views.ts';

/**
 * Opens the dataset_inclusion vote a nomination needs (under review, by its data steward or the
 * secretariat) and links it: the nomination is accepted only when that vote passes. The vote is
 * public, and names the dataset by the fields of PUBLIC_WHEN_PUT_TO_VOTE alone.
 */
export async function putNominationToVote(ctx: ServiceContext, { actor, input }: { actor: Actor; input: { id: string } }): Promise<FullRequestView> {
  // One transaction: two concurrent calls cannot both find the nomination unlinked and open two votes.
  return writeWithLedger(ctx, actor, async (tx, record) => {
    const request = await loadRequest(tx, input.id);
    const roles = await rolesTowards(tx, actor, request);
    if (!roles.includes('data_steward') && !roles.includes('secretariat')) throw new AppError('forbidden', 'The data steward or the secretariat puts a nomination to a vote.');
    if (request.type !== 'dataset' || request.state !== 'under_review') throw new AppError('conflict', 'Only a dataset nomination under review is put to a vote.');
    if (request.linkedProposalId) throw new AppError('conflict', `The nomination is already put to the vote ${request.linkedProposalId}.`);
    const name = String(request.details.name ?? 'dataset');
    const proposal = await openProposalInWrite(tx, {
      now: ctx.clock(),
      actor,
      input: { kind: 'dataset_inclusion', title: `Include ${name}`, description: `Nomination ${request.id}: ${request.details.url ?? ''}`, subject: { type: 'dataset', reference: `request:${request.id}` } },
      record,
    });
    const now = ctx.clock().toISOString();
    await tx.update(tables.requests).set({ linkedProposalId: proposal.id, updatedAt: now }).where(eq(tables.requests.id, request.id));
    record({ type: 'request.put_to_vote', subject: `request:${request.id}`, data: { proposalId: proposal.id } });
    return toFullView(tx, { ...request, linkedProposalId: proposal.id, updatedAt: now }, now);
  });
}
