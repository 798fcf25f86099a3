import type { LedgerEntry } from '../ledger/chain.ts';
import type { BallotOption } from './policy.ts';
import { commitBallot } from './secret-ballot.ts';
import { computeTally, type Counts, type Tally, type TallyBallot, type TallyDelegation, type TallyRules } from './tally.ts';
import { effectOf } from './effects.ts';
import type { Outcome } from './vocabulary.ts';

export type TallyVerification = {
  proposalId: string;
  /** What the ledger recorded at close, or null for a vote still open or withdrawn. */
  recorded: { outcome: string; counts: Counts; closedAt: string } | null;
  recomputed: Tally | null;
  matches: boolean;
  problems: string[];
  /** What the decision did to its subject, recorded and as its kind and outcome say it must (null before it ended). */
  effect?: { recorded: string | null; expected: string } | null;
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
    const ended = entries.find((entry) => entry.type === 'proposal.withdrawn' || entry.type === 'proposal.superseded');
    if (!ended) return { proposalId, recorded: null, recomputed: null, matches: false, problems: ['The vote is still open: there is no recorded outcome to check.'] };
    const outcome = ended.type === 'proposal.withdrawn' ? 'withdrawn' : 'superseded';
    const effect = checkEffect(entries, opened, outcome, String((ended.data as Data).closedAt));
    return { proposalId, recorded: null, recomputed: null, matches: effect.problems.length === 0, problems: effect.problems, effect: effect.verdict };
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
  const effect = checkEffect(entries, opened, recorded.outcome as Outcome, closedAt);
  problems.push(...effect.problems);
  return { proposalId, recorded, recomputed, matches: problems.length === 0, problems, effect: effect.verdict };
}

/**
 * The effect the ledger records for an ended vote, against the one its kind and outcome give
 * (effectOf, on the subject as pinned at the end). A vote that ended before effects were recorded
 * has none, which is not a problem.
 */
function checkEffect(entries: readonly LedgerEntry[], opened: LedgerEntry, outcome: Outcome, closedAt: string) {
  const data = opened.data as Data;
  let subject = data.subject as Parameters<typeof effectOf>[2];
  for (const entry of entries)
    if (entry.type === 'proposal.subject_changed') {
      const changes = (entry.data as Data).changes as Record<string, { to: string | null }>;
      if (changes.cardRevision) subject = { ...subject, cardRevision: changes.cardRevision.to ?? undefined };
    }
  const expected = effectOf(String(data.kind), outcome, subject, closedAt);
  const recordedEntry = entries.find((entry) => entry.type === 'decision.effect');
  if (!recordedEntry) return { problems: [], verdict: { recorded: null, expected: expected.effect } };
  const recorded = recordedEntry.data as Data;
  const problems: string[] = [];
  if (recorded.effect !== expected.effect) problems.push(`The ledger records the effect "${String(recorded.effect)}" but a ${String(data.kind)} vote that ended ${outcome} has "${expected.effect}".`);
  if (recorded.on !== expected.subjectRef) problems.push(`The effect was applied to ${String(recorded.on)}, but the vote was about ${expected.subjectRef}.`);
  const details = (recorded.details ?? {}) as Data;
  for (const [key, value] of Object.entries(expected.details))
    if (details[key] !== value) problems.push(`The effect records ${key} ${JSON.stringify(details[key])}; the vote pinned ${JSON.stringify(value)}.`);
  return { problems, verdict: { recorded: String(recorded.effect), expected: expected.effect } };
}
