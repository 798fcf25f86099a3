import { z } from 'zod';
import { BALLOT_OPTIONS, type PolicyEntry } from '../../domain/decisions/policy.ts';
import { BALLOT_CHANNELS, OUTCOMES, PROPOSAL_STATES } from '../../domain/decisions/vocabulary.ts';
import { DECISION_EFFECTS } from '../../domain/decisions/effects.ts';
import { subjectLinkOf, subjectLinkSchema } from './decision-link-schemas.ts';

/**
 * The API's (and the site's) view of decisions, in plain zod so the site can import them; routes
 * name them as OpenAPI components with namedComponent(). Nothing here may import the database
 * (the site's build reads this file: api/site/site-paths.ts), hence the structural row type below.
 */
const counts = z.object({ approve: z.number().int(), reject: z.number().int(), abstain: z.number().int() });
const tallyOutcome = z.enum(['passed', 'rejected', 'no_quorum', 'blocked']);

export const proposalSubjectSchema = z.object({
  type: z.enum(['model_release', 'dataset', 'policy', 'membership', 'other']),
  modelId: z.string().optional(),
  checkpointDigest: z.string().optional().meta({ description: 'The checkpoint a release vote is pinned to.' }),
  cardRevision: z.string().optional().meta({ description: 'sha256 of the model card file the vote is pinned to.' }),
  datasetId: z.string().optional(),
  cycle: z.string().optional().meta({ description: 'dataset_inclusion: the training cycle the dataset is accepted for; none for the catalogue.' }),
  reference: z.string().optional().meta({ description: 'A nomination (`request:<id>`), a policy or document, or an organisation (membership).' }),
});

export const proposalViewSchema = z.object({
  id: z.string().meta({ example: 'prop_x1Yz2A' }),
  kind: z.string().meta({ example: 'release' }),
  title: z.string(),
  description: z.string().nullable(),
  subject: proposalSubjectSchema,
  state: z.enum(PROPOSAL_STATES),
  outcome: z.enum(OUTCOMES).nullable(),
  openedAt: z.string(),
  minCloseAt: z.string().meta({ description: 'Earliest instant it may close early.' }),
  closesAt: z.string().meta({ description: 'When voting ends (UTC).' }),
  closedAt: z.string().nullable(),
  openedBy: z.string(),
  electorate: z.object({ binding: z.array(z.string()), advisory: z.array(z.string()) }),
  rules: z.object({
    title: z.string(),
    options: z.array(z.enum(BALLOT_OPTIONS)),
    quorum: z.number(),
    threshold: z.number(),
    minimumApprovals: z.number().int(),
    minimumDurationHours: z.number(),
    maximumDurationHours: z.number(),
    concerns: z.boolean(),
    secret: z.boolean(),
    earlyClose: z.boolean(),
  }),
  isDemo: z.boolean(),
  subjectLink: subjectLinkSchema.meta({ description: 'What the vote is about, and its page.' }),
  effect: z
    .object({ effect: z.enum(DECISION_EFFECTS), details: z.record(z.string(), z.unknown()), at: z.string() })
    .nullable()
    .meta({ description: 'What the closed decision did to its subject (`unchanged` for anything but passed); null while open.' }),
});
export type ProposalView = z.infer<typeof proposalViewSchema>;

/** A stored proposal (db/schema/decisions.ts) as far as its view needs it. */
type StoredProposal = Omit<ProposalView, 'rules' | 'subjectLink' | 'effect'> & { policy: PolicyEntry; tally: unknown; updatedAt: string; effect?: unknown };

type StoredEffect = { effect: (typeof DECISION_EFFECTS)[number]; details: Record<string, unknown>; at: string };

export function toProposalView(row: StoredProposal, storedEffect: StoredEffect | null = null): ProposalView {
  const { policy, tally: _tally, updatedAt: _updated, effect: _effect, ...rest } = row;
  return {
    ...rest,
    subjectLink: subjectLinkOf(row.subject),
    effect: storedEffect ? { effect: storedEffect.effect, details: storedEffect.details, at: storedEffect.at } : null,
    rules: {
      title: policy.title,
      options: policy.options,
      quorum: policy.quorum,
      threshold: policy.threshold,
      minimumApprovals: policy.minimum_approvals,
      minimumDurationHours: policy.minimum_duration_hours,
      maximumDurationHours: policy.maximum_duration_hours,
      concerns: policy.concerns.enabled,
      secret: policy.secret,
      earlyClose: policy.early_close,
    },
  };
}

export const tallyViewSchema = z.union([
  z.object({
    proposalId: z.string(),
    state: z.enum(PROPOSAL_STATES),
    secret: z.literal(false),
    final: z.enum(OUTCOMES).nullable(),
    at: z.string(),
    counts,
    advisory: counts,
    electorateSize: z.number().int(),
    counted: z.array(
      z.object({ organizationId: z.string(), option: z.enum(BALLOT_OPTIONS), ballotId: z.string(), via: z.enum(['own', 'delegation']), delegatedTo: z.string().optional() }),
    ),
    notVoted: z.array(z.string()),
    quorum: z.object({ required: z.number(), share: z.number(), reached: z.boolean() }),
    threshold: z.object({ required: z.number(), share: z.number().nullable(), reached: z.boolean() }),
    minimumApprovals: z.object({ required: z.number().int(), reached: z.boolean() }),
    blockedBy: z.array(z.object({ id: z.string(), title: z.string(), organizationId: z.string() })),
    outcome: tallyOutcome.meta({ description: 'What the count says at `at` (for an open vote: if it closed now).' }),
    wouldPass: z.boolean(),
    decided: z.boolean(),
    explanation: z.array(z.string()),
  }),
  z.object({
    proposalId: z.string(),
    state: z.literal('open'),
    secret: z.literal(true),
    at: z.string(),
    electorateSize: z.number().int(),
    voted: z.array(z.string()),
    notVoted: z.array(z.string()),
    explanation: z.array(z.string()),
  }),
]);

export const ballotViewSchema = z.object({
  ballotId: z.string(),
  organizationId: z.string(),
  memberId: z.string(),
  option: z.enum(BALLOT_OPTIONS),
  binding: z.boolean(),
  reason: z.string().nullable(),
  channel: z.enum(BALLOT_CHANNELS),
  castAt: z.string(),
  current: z.boolean().meta({ description: "This is its organisation's latest valid ballot." }),
  invalidatedAt: z.string().nullable(),
  receipt: z.string().nullable(),
  salt: z.string().nullable(),
});

export const concernViewSchema = z.object({
  id: z.string(),
  proposalId: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  memberId: z.string(),
  organizationId: z.string(),
  raisedAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.string().nullable(),
});

export const delegationViewSchema = z.object({
  id: z.string(),
  fromOrganizationId: z.string(),
  toOrganizationId: z.string(),
  kind: z.string(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});

export const timelineEntrySchema = z.object({
  /** Position in the ledger; the whole chain is at /api/v1/events and in `agora ledger export`. */
  seq: z.number().int(),
  at: z.string(),
  /** Who acted: `member:<id>`, `token:<id>` or `system:<what>` (the clock closes votes). */
  actor: z.string(),
  /** proposal.opened, ballot.cast, concern.raised, concern.resolved, proposal.closed, ... */
  type: z.string(),
  /** The event's data as recorded (ids and digests, never personal data). */
  data: z.record(z.string(), z.unknown()),
  /** The entry's hash in the chain, so a reader can find it in the export. */
  hash: z.string(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
