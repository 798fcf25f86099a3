import { createHash } from 'node:crypto';
import { BALLOT_OPTIONS, type BallotOption } from '../../../api/domain/decisions/policy.ts';
import { listProposals } from '../../../api/services/decisions/proposals.ts';
import type { ServiceContext } from '../../../api/services/context.ts';

/** What a button or a modal is for: casting a ballot, or giving its reason. */
export type ComponentAction = { action: 'vote' | 'reason'; proposalRef: string; choice: BallotOption };

const LIMIT = 100;

/** A proposal id too long to fit in a custom_id is named by a digest of it, found again among the open votes. */
const digestOf = (proposalId: string) => `#${createHash('sha256').update(proposalId).digest('base64url').slice(0, 22)}`;

/** `vote:<proposal>:<choice>` (Discord allows 100 characters; a long proposal id is replaced by its digest). */
export function componentId(action: ComponentAction['action'], proposalId: string, choice: BallotOption): string {
  const plain = `${action}:${proposalId}:${choice}`;
  return plain.length <= LIMIT ? plain : `${action}:${digestOf(proposalId)}:${choice}`;
}

export function parseComponentId(customId: string): ComponentAction | null {
  const match = /^(vote|reason):(.+):([a-z]+)$/.exec(customId);
  if (!match || !(BALLOT_OPTIONS as readonly string[]).includes(match[3]!)) return null;
  return { action: match[1] as ComponentAction['action'], proposalRef: match[2]!, choice: match[3] as BallotOption };
}

/** The proposal a custom_id names: its id, or the open proposal whose id has the digest (null: none is open). */
export async function proposalOfRef(services: ServiceContext, ref: string): Promise<string | null> {
  if (!ref.startsWith('#')) return ref;
  let cursor: string | undefined;
  do {
    const page = await listProposals(services, { state: 'open', cursor, limit: 100 });
    const found = page.items.find((proposal) => digestOf(proposal.id) === ref);
    if (found) return found.id;
    cursor = page.next ?? undefined;
  } while (cursor);
  return null;
}
