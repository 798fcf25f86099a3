import type { BallotOption, PolicyEntry } from './policy.ts';
import type { TallyOutcome } from './vocabulary.ts';

/** The rules a tally needs from a policy (snapshotted when the vote opened). */
export type TallyRules = Pick<PolicyEntry, 'quorum' | 'threshold' | 'minimum_approvals'> & { concerns: { enabled: boolean } };

export type TallyBallot = {
  id: string;
  organizationId: string;
  option: BallotOption;
  /** Cast by a delegate of an organisation in the binding electorate. */
  binding: boolean;
  /** Ledger order: later ballots of the same organisation replace earlier ones. */
  seq: number;
  /** Set when the subject changed after the ballot was cast: it no longer counts. */
  invalidated: boolean;
};

export type TallyDelegation = { from: string; to: string; validFrom: string; validUntil: string | null; revokedAt: string | null };

export type TallyInput = {
  rules: TallyRules;
  electorate: { binding: readonly string[]; advisory: readonly string[] };
  /** Every ballot ever cast on the proposal, in any order. */
  ballots: readonly TallyBallot[];
  /** Delegations of this decision kind. */
  delegations: readonly TallyDelegation[];
  openConcerns: readonly { id: string; title: string; organizationId: string }[];
  /** The instant the tally is for (delegations are judged at it). */
  at: string;
};

export type CountedVote = {
  organizationId: string;
  option: BallotOption;
  ballotId: string;
  /** `own`: a delegate of the organisation voted; `delegation`: its delegate organisation's ballot counts for it. */
  via: 'own' | 'delegation';
  /** The organisation whose ballot counts for this one. */
  delegatedTo?: string;
  /** The delegations followed, in order (`[b]`, or `[b, c]` when b had delegated to c and not voted). */
  chain?: string[];
};

export type Counts = { approve: number; reject: number; abstain: number };

export type Tally = {
  counts: Counts;
  advisory: Counts;
  electorateSize: number;
  counted: CountedVote[];
  notVoted: string[];
  quorum: { required: number; share: number; reached: boolean };
  threshold: { required: number; share: number | null; reached: boolean };
  minimumApprovals: { required: number; reached: boolean };
  blockedBy: { id: string; title: string; organizationId: string }[];
  /** What the outcome would be if the vote closed now. */
  outcome: TallyOutcome;
  wouldPass: boolean;
  /** No way the organisations that have not voted could vote changes the outcome (cast ballots standing, no concern open). */
  decided: boolean;
  /** Why, in sentences. */
  explanation: string[];
};

/**
 * The tally of one proposal. One binding vote per organisation of the binding electorate: the latest
 * of its delegates' ballots counts, every earlier one stays in history. An organisation that has not
 * voted itself is represented by the organisation it delegated to (one level), if that one voted.
 * Abstentions count for the quorum only. An open concern blocks a vote that would pass.
 */
export function computeTally(input: TallyInput): Tally {
  const binding = new Set(input.electorate.binding);
  const advisory = new Set(input.electorate.advisory);
  const latestByOrganization = latestBallots(input.ballots.filter((ballot) => !ballot.invalidated));

  const counted: CountedVote[] = [];
  const notVoted: string[] = [];
  for (const organizationId of input.electorate.binding) {
    const own = latestByOrganization.get(organizationId);
    if (own && own.binding) {
      counted.push({ organizationId, option: own.option, ballotId: own.id, via: 'own' });
      continue;
    }
    const through = resolveDelegation(input.delegations, organizationId, input.at, (id) => {
      const theirs = binding.has(id) ? latestByOrganization.get(id) : undefined;
      return theirs?.binding ? theirs : undefined;
    });
    if (through) counted.push({ organizationId, option: through.ballot.option, ballotId: through.ballot.id, via: 'delegation', delegatedTo: through.chain.at(-1)!, chain: through.chain });
    else notVoted.push(organizationId);
  }
  const counts = countOptions(counted.map((vote) => vote.option));
  const advisoryCounts = countOptions(
    [...latestByOrganization.values()].filter((ballot) => !ballot.binding && advisory.has(ballot.organizationId)).map((ballot) => ballot.option),
  );

  const evaluation = evaluate(input.rules, binding.size, counts, input.openConcerns.length);
  const decided = input.openConcerns.length === 0 && isDecided(input.rules, binding.size, counts, notVoted.length, evaluation.outcome);
  return {
    counts,
    advisory: advisoryCounts,
    electorateSize: binding.size,
    counted,
    notVoted,
    ...evaluation,
    blockedBy: evaluation.outcome === 'blocked' ? [...input.openConcerns] : [],
    decided,
    explanation: explain(input.rules, binding.size, counts, evaluation, input.openConcerns, counted, decided),
  };
}

/** The latest ballot of each organisation, by ledger order. */
export function latestBallots(ballots: readonly TallyBallot[]): Map<string, TallyBallot> {
  const latest = new Map<string, TallyBallot>();
  for (const ballot of ballots) {
    const current = latest.get(ballot.organizationId);
    if (!current || ballot.seq > current.seq) latest.set(ballot.organizationId, ballot);
  }
  return latest;
}

/**
 * Whose ballot counts for an organisation that has not voted: its delegate's, or — when the delegate
 * has not voted either and has itself delegated — the next one's along the chain, as the handbook
 * says ("the other organisation's delegates then vote for it"). The graph is kept acyclic when
 * delegations are made; a cycle in older data ends the walk.
 */
export function resolveDelegation<B>(
  delegations: readonly TallyDelegation[],
  from: string,
  at: string,
  ballotOf: (organizationId: string) => B | undefined,
): { ballot: B; chain: string[] } | null {
  const chain: string[] = [];
  for (let next = activeDelegate(delegations, from, at); next && next !== from && !chain.includes(next); next = activeDelegate(delegations, next, at)) {
    chain.push(next);
    const ballot = ballotOf(next);
    if (ballot) return { ballot, chain };
  }
  return null;
}

/** The organisation `from` has delegated its vote to at `at`, if any (the latest delegation wins). */
export function activeDelegate(delegations: readonly TallyDelegation[], from: string, at: string): string | null {
  const active = delegations.filter(
    (delegation) =>
      delegation.from === from &&
      !delegation.revokedAt &&
      delegation.validFrom <= at &&
      (delegation.validUntil === null || at < delegation.validUntil),
  );
  return active.sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0]?.to ?? null;
}

function countOptions(options: BallotOption[]): Counts {
  const counts: Counts = { approve: 0, reject: 0, abstain: 0 };
  for (const option of options) counts[option] += 1;
  return counts;
}

type Evaluation = Pick<Tally, 'quorum' | 'threshold' | 'minimumApprovals' | 'outcome' | 'wouldPass'>;

function evaluate(rules: TallyRules, electorateSize: number, counts: Counts, openConcerns: number): Evaluation {
  const voted = counts.approve + counts.reject + counts.abstain;
  const share = electorateSize === 0 ? 0 : voted / electorateSize;
  const quorum = { required: rules.quorum, share, reached: electorateSize > 0 && share >= rules.quorum };
  const decisive = counts.approve + counts.reject;
  const approval = decisive === 0 ? null : counts.approve / decisive;
  const threshold = { required: rules.threshold, share: approval, reached: approval !== null && approval >= rules.threshold };
  const minimumApprovals = { required: rules.minimum_approvals, reached: counts.approve >= rules.minimum_approvals };
  const passes = quorum.reached && threshold.reached && minimumApprovals.reached;
  const outcome: TallyOutcome = !quorum.reached ? 'no_quorum' : !passes ? 'rejected' : openConcerns > 0 ? 'blocked' : 'passed';
  return { quorum, threshold, minimumApprovals, outcome, wouldPass: outcome === 'passed' };
}

/**
 * True when every way the `remaining` organisations could still vote (or not) leads to `outcome`.
 * The rules are monotonic (more votes only help the quorum; approvals only help, rejections only
 * hurt the threshold), so the extremes decide: all of them approving, all rejecting, all abstaining.
 */
function isDecided(rules: TallyRules, size: number, counts: Counts, remaining: number, outcome: TallyOutcome): boolean {
  const extremes: Counts[] = [
    { ...counts, approve: counts.approve + remaining },
    { ...counts, reject: counts.reject + remaining },
    { ...counts, abstain: counts.abstain + remaining },
  ];
  return extremes.every((next) => evaluate(rules, size, next, 0).outcome === outcome);
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

function explain(
  rules: TallyRules,
  size: number,
  counts: Counts,
  evaluation: Evaluation,
  concerns: TallyInput['openConcerns'],
  counted: CountedVote[],
  decided: boolean,
): string[] {
  const lines = [
    `${counted.length} of ${size} binding organisations voted (${counts.approve} approve, ${counts.reject} reject, ${counts.abstain} abstain).`,
    evaluation.quorum.reached
      ? `Quorum reached: ${percent(evaluation.quorum.share)} voted, ${percent(rules.quorum)} needed (abstentions count).`
      : `No quorum yet: ${percent(evaluation.quorum.share)} voted, ${percent(rules.quorum)} needed (abstentions count).`,
    evaluation.threshold.share === null
      ? `No approve or reject yet; ${percent(rules.threshold)} of approve ÷ (approve + reject) is needed.`
      : `${percent(evaluation.threshold.share)} approve ÷ (approve + reject); ${percent(rules.threshold)} needed — ${evaluation.threshold.reached ? 'met' : 'not met'}.`,
    `${counts.approve} binding approvals; at least ${rules.minimum_approvals} needed — ${evaluation.minimumApprovals.reached ? 'met' : 'not met'}.`,
  ];
  const delegated = counted.filter((vote) => vote.via === 'delegation');
  if (delegated.length) lines.push(`${delegated.map((vote) => `${vote.organizationId} (through ${(vote.chain ?? [vote.delegatedTo]).join(' → ')})`).join(', ')} counted by delegation.`);
  if (concerns.length) lines.push(`Open concerns block passing: ${concerns.map((concern) => `“${concern.title}”`).join(', ')}.`);
  lines.push(
    evaluation.outcome === 'passed'
      ? 'It would pass if closed now.'
      : `It would not pass if closed now (${evaluation.outcome.replace('_', ' ')}).`,
  );
  if (decided) lines.push('The organisations that have not voted can no longer change the outcome.');
  return lines;
}
