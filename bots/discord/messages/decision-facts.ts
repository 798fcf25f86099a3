import type { ServiceContext } from '../../../api/services/context.ts';
import { listConcerns } from '../../../api/services/decisions/concerns.ts';
import { loadProposal } from '../../../api/services/decisions/load-proposal.ts';
import { getTally } from '../../../api/services/decisions/tally.ts';

/**
 * What a decision message says, as data (the outbox payload): rendered in the server's language
 * when it is sent. Equal facts are an equal payload, so a ballot that changes nothing shown is no edit.
 */
export type DecisionFacts = {
  proposalId: string;
  title: string;
  kind: string;
  state: 'open' | 'closed';
  outcome: string | null;
  closesAt: string;
  closedAt: string | null;
  options: string[];
  rules: { quorum: number; threshold: number; minimumApprovals: number; concerns: boolean; secret: boolean };
  /** Null while a secret vote is open: only the turnout is shown. */
  counts: { approve: number; abstain: number; reject: number } | null;
  voted: number;
  electorate: number;
  /** What the count says if it closed now (open, not secret). */
  wouldPass: boolean | null;
  tallyOutcome: string | null;
  openConcerns: string[];
};

export async function decisionFacts(services: ServiceContext, proposalId: string): Promise<DecisionFacts> {
  const proposal = await loadProposal(services.database.db, proposalId);
  const tally = await getTally(services, proposalId);
  const concerns = proposal.policy.concerns.enabled ? await listConcerns(services, proposalId) : [];
  const policy = proposal.policy;
  const base = {
    proposalId,
    title: proposal.title,
    kind: proposal.kind,
    state: proposal.state,
    outcome: proposal.outcome,
    closesAt: proposal.closesAt,
    closedAt: proposal.closedAt,
    options: [...policy.options],
    rules: { quorum: policy.quorum, threshold: policy.threshold, minimumApprovals: policy.minimum_approvals, concerns: policy.concerns.enabled, secret: policy.secret },
    openConcerns: concerns.filter((concern) => concern.resolvedAt === null).map((concern) => concern.title),
  };
  if (tally.secret) return { ...base, counts: null, voted: tally.voted.length, electorate: tally.electorateSize, wouldPass: null, tallyOutcome: null };
  return {
    ...base,
    counts: { approve: tally.counts.approve, abstain: tally.counts.abstain, reject: tally.counts.reject },
    voted: tally.counted.length,
    electorate: tally.electorateSize,
    wouldPass: tally.state === 'open' ? tally.wouldPass : null,
    tallyOutcome: tally.state === 'open' ? tally.outcome : null,
  };
}
