import { z } from 'zod';
import { policyEntrySchema } from '../domain/decisions/policy.ts';
import {
  ballotViewSchema,
  concernViewSchema,
  delegationViewSchema,
  proposalViewSchema,
  tallyViewSchema,
  timelineEntrySchema,
} from '../services/decisions/view-schemas.ts';

/**
 * The decisions part of the site snapshot: the API's views (api/services/decisions/view-schemas.ts)
 * of every proposal with its tally, ballots, concerns and ledger history, and every delegation — what
 * `buildDecisionsSnapshot` gives (api/services/decisions/decisions-snapshot.ts).
 */

const [publicTally, secretTally] = tallyViewSchema.options;

/**
 * The tally as `GET /proposals/{id}/tally` gives it, without `at`: for an open vote that is when
 * the snapshot was read, which would change the site fingerprint on every check.
 */
const snapshotTallySchema = z.union([publicTally.omit({ at: true }), secretTally.omit({ at: true })]);

const decisionSchema = proposalViewSchema.extend({
  /** Final for a closed vote; for an open one, the count when the snapshot was read (pages refresh it live). */
  tally: snapshotTallySchema,
  /** Every ballot in casting order, history included; null while a secret vote is open. */
  ballots: z.array(ballotViewSchema).nullable(),
  /** Oldest first. */
  concerns: z.array(concernViewSchema),
  /** The ledger entries about the proposal, oldest first. */
  timeline: z.array(timelineEntrySchema),
});

export const decisionsSnapshotSchema = z.object({
  /** Newest first (by opening). */
  proposals: z.array(decisionSchema),
  /** Every delegation, revoked and expired ones included, oldest first. */
  delegations: z.array(delegationViewSchema),
  /** The policies in force, as written in content/governance/policies.yaml: the handbook renders its table from them. */
  policies: z.array(policyEntrySchema),
});

export type SiteDecisions = z.infer<typeof decisionsSnapshotSchema>;
export type SiteDecision = SiteDecisions['proposals'][number];
export type SiteTally = SiteDecision['tally'];
export type SiteBallot = z.infer<typeof ballotViewSchema>;
export type SiteConcern = z.infer<typeof concernViewSchema>;
export type SiteDelegation = z.infer<typeof delegationViewSchema>;
export type SiteTimelineEntry = z.infer<typeof timelineEntrySchema>;
