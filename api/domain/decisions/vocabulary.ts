/** How a decision ended. `withdrawn` and `superseded` are acts; the rest come from the tally. */
export const OUTCOMES = ['passed', 'rejected', 'no_quorum', 'blocked', 'withdrawn', 'superseded'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** What a tally can say before close (an act cannot withdraw a count). */
export type TallyOutcome = Extract<Outcome, 'passed' | 'rejected' | 'no_quorum' | 'blocked'>;

export const PROPOSAL_STATES = ['open', 'closed'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

/** Where a ballot came from: one ballot, whichever surface it was cast on. */
export const BALLOT_CHANNELS = ['api', 'discord', 'github', 'web'] as const;
export type BallotChannel = (typeof BALLOT_CHANNELS)[number];
