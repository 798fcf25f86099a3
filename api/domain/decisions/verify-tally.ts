import type { LedgerEntry } from '../ledger/chain.ts';
import type { BallotOption } from './policy.ts';
import { commitBallot } from './secret-ballot.ts';
import { computeTally, type Counts, type Tally, type TallyBallot, type TallyDelegation, type TallyRules } from './tally.ts';

export type TallyVerification = {
  proposalId: string;
  /** What the ledger recorded at close, or null for a vote still open or withdrawn. */
  recorded: { outcome: string; counts: Counts; closedAt: string } | null;
  recomputed: Tally | null;
  matches: boolean;
  problems: string[];
};

type Data = Record<string, unknown>;

/**
 * Recomputes a vote from the ledger alone: the rules and electorate recorded when it opened (or last
 * refreshed), every ballot in ledger order, invalidations, the concerns open at close, and the
 * delegations of its kind as the ledger had them at close. Secret ballots are opened with the salts
 * revealed at close and checked against their commitments. Anyone holding the JSON Lines export can
 * run this and compare with the recorded outcome.
 */
export function verifyTallyFromLedger(proposalId: string, proposalEntries: readonly LedgerEntry[], delegationEntries: readonly LedgerEntry[]): TallyVerification {
  const problems: string[] = [];
  const entries = [...proposalEntries].sort((a, b) => a.seq - b.seq);
  const opened = entries.find((entry) => entry.type === 'proposal.opened');
  if (!opened) return { proposalId, recorded: null, recomputed: null, matches: false, problems: [`The ledger has no opening of proposal ${proposalId}.`] };
  const closed = entries.find((entry) => entry.type === 'proposal.closed');
  if (!closed) {
    const withdrawn = entries.some((entry) => entry.type === 'proposal.withdrawn');
    return { proposalId, recorded: null, recomputed: null, matches: withdrawn, problems: withdrawn ? [] : ['The vote is still open: there is no recorded outcome to check.'] };
  }
  const closedData = closed.data as Data;
  const closedAt = String(closedData.closedAt);
  const before = entries.filter((entry) => entry.seq < closed.seq);

  const openedData = opened.data as Data;
  let electorate = openedData.electorate as { binding: string[]; advisory: string[] };
  for (const entry of before) if (entry.type === 'proposal.electorate_refreshed') electorate = (entry.data as Data).electorate as typeof electorate;
  const rules = openedData.rules as TallyRules & { kind?: string };
  const kind = String(openedData.kind);

  const revealed = new Map(((closedData.reveal as { ballotId: string; option: BallotOption; salt: string }[] | undefined) ?? []).map((item) => [item.ballotId, item]));
  const ballots: TallyBallot[] = [];
  const invalidated = new Set<string>();
  const concerns = new Map<string, { id: string; title: string; organizationId: string }>();
  for (const entry of before) {
    const data = entry.data as Data;
    if (entry.type === 'ballot.cast') {
      const ballotId = String(data.ballotId);
      let option = data.option as BallotOption | undefined;
      if (option === undefined) {
        const opening = revealed.get(ballotId);
        if (!opening) problems.push(`Secret ballot ${ballotId} was not revealed at close.`);
        else if (commitBallot(ballotId, opening.option, opening.salt) !== data.commitment) problems.push(`Secret ballot ${ballotId} does not open to the option revealed for it.`);
        option = opening?.option;
      }
      if (option) ballots.push({ id: ballotId, organizationId: String(data.organizationId), option, binding: Boolean(data.binding), seq: entry.seq, invalidated: false });
    } else if (entry.type === 'proposal.subject_changed') for (const id of data.invalidatedBallots as string[]) invalidated.add(id);
    else if (entry.type === 'concern.raised') concerns.set(String(data.concernId), { id: String(data.concernId), title: String(data.title), organizationId: String(data.organizationId) });
    else if (entry.type === 'concern.resolved') concerns.delete(String(data.concernId));
  }
  for (const ballot of ballots) ballot.invalidated = invalidated.has(ballot.id);

  const delegations = new Map<string, TallyDelegation & { kind: string }>();
  for (const entry of [...delegationEntries].sort((a, b) => a.seq - b.seq)) {
    if (entry.seq > closed.seq) break;
    const data = entry.data as Data;
    const id = entry.subject.slice('delegation:'.length);
    if (entry.type === 'delegation.created')
      delegations.set(id, { from: String(data.from), to: String(data.to), kind: String(data.kind), validFrom: String(data.validFrom), validUntil: (data.validUntil as string | null) ?? null, revokedAt: null });
    else if (entry.type === 'delegation.revoked' && delegations.has(id)) delegations.get(id)!.revokedAt = String(data.revokedAt);
  }

  const recomputed = computeTally({
    rules,
    electorate,
    ballots,
    delegations: [...delegations.values()].filter((delegation) => delegation.kind === kind),
    openConcerns: [...concerns.values()],
    at: closedAt,
  });
  const recorded = { outcome: String(closedData.outcome), counts: closedData.counts as Counts, closedAt };
  if (recomputed.outcome !== recorded.outcome) problems.push(`The ledger records "${recorded.outcome}" but its ballots give "${recomputed.outcome}".`);
  for (const option of ['approve', 'reject', 'abstain'] as const)
    if (recomputed.counts[option] !== recorded.counts[option])
      problems.push(`The ledger records ${recorded.counts[option]} ${option} but its ballots give ${recomputed.counts[option]}.`);
  return { proposalId, recorded, recomputed, matches: problems.length === 0, problems };
}
