import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { BALLOT_CHANNELS, OUTCOMES, PROPOSAL_STATES } from '../../api/domain/decisions/vocabulary.ts';
import { BALLOT_OPTIONS, type PolicyEntry } from '../../api/domain/decisions/policy.ts';
import type { Tally } from '../../api/domain/decisions/tally.ts';

/** What a proposal is about, pinned when it opens (a release pins checkpoint digest and card revision). */
export type ProposalSubject = {
  type: 'model_release' | 'dataset' | 'policy' | 'membership' | 'other';
  modelId?: string;
  checkpointDigest?: string;
  cardRevision?: string;
  datasetId?: string;
  /** dataset_inclusion: the training cycle the dataset is accepted for (none: the catalogue). */
  cycle?: string;
  reference?: string;
};

/** A decision put to a vote under the policy of its kind. */
export const proposals = sqliteTable(
  'proposals',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    subject: text('subject', { mode: 'json' }).$type<ProposalSubject>().notNull(),
    /** The policy as it was when voting opened: later edits of policies.yaml do not change a vote. */
    policy: text('policy', { mode: 'json' }).$type<PolicyEntry>().notNull(),
    /** The electorate snapshot: organisation ids. */
    electorate: text('electorate', { mode: 'json' }).$type<{ binding: string[]; advisory: string[] }>().notNull(),
    state: text('state', { enum: PROPOSAL_STATES }).notNull(),
    outcome: text('outcome', { enum: OUTCOMES }),
    openedAt: text('opened_at').notNull(),
    minCloseAt: text('min_close_at').notNull(),
    closesAt: text('closes_at').notNull(),
    closedAt: text('closed_at'),
    /** The ledger actor who opened it. */
    openedBy: text('opened_by').notNull(),
    /** The final tally, stored at close. */
    tally: text('tally', { mode: 'json' }).$type<Tally | null>(),
    isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
    updatedAt: text('updated_at').notNull(),
  },
  (table) => [index('proposals_state_idx').on(table.state, table.closesAt), index('proposals_opened_idx').on(table.openedAt, table.id)],
);

/** Every ballot ever cast: the latest of an organisation counts, the rest is history. */
export const ballots = sqliteTable(
  'ballots',
  {
    /** Global order of casting; later replaces earlier. */
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    proposalId: text('proposal_id')
      .notNull()
      .references(() => proposals.id),
    memberId: text('member_id').notNull(),
    organizationId: text('organization_id').notNull(),
    option: text('option', { enum: BALLOT_OPTIONS }).notNull(),
    binding: integer('binding', { mode: 'boolean' }).notNull(),
    reason: text('reason'),
    channel: text('channel', { enum: BALLOT_CHANNELS }).notNull(),
    castAt: text('cast_at').notNull(),
    /** Set when the proposal's subject changed after this ballot: it no longer counts. */
    invalidatedAt: text('invalidated_at'),
    /** Secret ballots: the salt of the commitment, kept until the reveal at close. */
    salt: text('salt'),
    commitment: text('commitment'),
  },
  (table) => [index('ballots_proposal_idx').on(table.proposalId, table.organizationId)],
);

/** Named objections (rfcbot style): an open one blocks passing. */
export const concerns = sqliteTable(
  'concerns',
  {
    id: text('id').primaryKey(),
    proposalId: text('proposal_id')
      .notNull()
      .references(() => proposals.id),
    title: text('title').notNull(),
    body: text('body'),
    memberId: text('member_id').notNull(),
    organizationId: text('organization_id').notNull(),
    raisedAt: text('raised_at').notNull(),
    resolvedAt: text('resolved_at'),
    resolvedBy: text('resolved_by'),
    resolution: text('resolution'),
  },
  (table) => [index('concerns_proposal_idx').on(table.proposalId)],
);

/** An organisation lends its vote on a decision kind to another organisation for a period. */
export const delegations = sqliteTable(
  'delegations',
  {
    id: text('id').primaryKey(),
    fromOrganizationId: text('from_organization_id').notNull(),
    toOrganizationId: text('to_organization_id').notNull(),
    kind: text('kind').notNull(),
    validFrom: text('valid_from').notNull(),
    validUntil: text('valid_until'),
    revokedAt: text('revoked_at'),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (table) => [index('delegations_from_idx').on(table.fromOrganizationId, table.kind)],
);

/** Reminders sent, so each goes out once. */
export const proposalReminders = sqliteTable(
  'proposal_reminders',
  {
    proposalId: text('proposal_id')
      .notNull()
      .references(() => proposals.id),
    hoursBefore: integer('hours_before').notNull(),
    sentAt: text('sent_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.proposalId, table.hoursBefore] })],
);
