import type { ServiceContext } from '../context.ts';
import { readAllPages } from '../pagination.ts';
import { listConcerns, type ConcernRow } from './concerns.ts';
import { effectsOf } from './decision-effects.ts';
import type { PolicyEntry } from '../../domain/decisions/policy.ts';
import { listDelegations, type DelegationRow } from './delegations.ts';
import { listPolicies } from './policies.ts';
import { listProposals } from './proposals.ts';
import { getTally, listBallots, type BallotView, type TallyView } from './tally.ts';
import { listProposalTimeline } from './timeline.ts';
import { toProposalView, type ProposalView, type TimelineEntry } from './view-schemas.ts';

/** The tally without `at`: for an open vote that is the clock reading of the snapshot. */
type OmitAt<T> = T extends unknown ? Omit<T, 'at'> : never;
type SnapshotTally = OmitAt<TallyView>;

export type SnapshotDecision = ProposalView & {
  tally: SnapshotTally;
  /** Every ballot, history included; null while a secret vote is open (its ballots are published at close). */
  ballots: BallotView[] | null;
  concerns: ConcernRow[];
  timeline: TimelineEntry[];
};

/**
 * Every decision as the site shows it, newest first: the API's proposal view with its tally (final,
 * or as it stands when the snapshot is read), ballots, concerns and ledger history, plus every
 * delegation. The tally's `at` is left out, so that a snapshot of unchanged data has an unchanged
 * site fingerprint; every other instant is the data's own.
 */
export async function buildDecisionsSnapshot(ctx: ServiceContext): Promise<{ proposals: SnapshotDecision[]; delegations: DelegationRow[]; policies: PolicyEntry[] }> {
  const [rows, delegations, policies] = await Promise.all([
    readAllPages((cursor) => listProposals(ctx, { cursor, limit: 500 })),
    readAllPages((cursor) => listDelegations(ctx, { cursor, limit: 500 })),
    listPolicies(ctx),
  ]);
  const effects = await effectsOf(ctx.database.db, rows.map((row) => row.id));
  const proposals = await Promise.all(
    rows.map(async (row): Promise<SnapshotDecision> => {
      const view = toProposalView(row, effects.get(row.id) ?? null);
      const isSecretOpen = view.rules.secret && view.state === 'open';
      const [tally, ballots, concerns, timeline] = await Promise.all([
        getTally(ctx, row.id),
        isSecretOpen ? null : listBallots(ctx, row.id),
        listConcerns(ctx, row.id),
        listProposalTimeline(ctx, row.id),
      ]);
      return { ...view, tally: withoutInstant(tally), ballots, concerns, timeline };
    }),
  );
  return { proposals, delegations, policies };
}

function withoutInstant(tally: TallyView): SnapshotTally {
  const { at: _at, ...rest } = tally;
  return rest as SnapshotTally;
}
