import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { EligibilityVerdict } from '../../api/domain/eligibility.ts';
import { REQUEST_TYPES, REQUESTER_KINDS } from '../../api/domain/requests/vocabulary.ts';

/**
 * Requests filed with the consortium. `details` holds what the requester wrote that is not
 * confidential; `confidential` the fields only the requester and the handling roles may see. Public
 * surfaces show type, state and dates, nothing else.
 */
export const requests = sqliteTable(
  'requests',
  {
    id: text('id').primaryKey(),
    type: text('type', { enum: REQUEST_TYPES }).notNull(),
    state: text('state').notNull(),
    /** The state a paused request returns to when the requester answers. */
    pausedFrom: text('paused_from'),
    filedAt: text('filed_at').notNull(),
    /** The ledger actor who filed it (member or token id): the requester. */
    filedBy: text('filed_by').notNull(),
    requesterKind: text('requester_kind', { enum: REQUESTER_KINDS }),
    periodDays: integer('period_days').notNull(),
    assigneeMemberId: text('assignee_member_id'),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    confidential: text('confidential', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** Access requests: the licensing verdict computed when filed. */
    eligibility: text('eligibility', { mode: 'json' }).$type<EligibilityVerdict | null>(),
    /** Access granted: when it must be checked again. */
    revalidateAt: text('revalidate_at'),
    linkedDatasetId: text('linked_dataset_id'),
    linkedProposalId: text('linked_proposal_id'),
    answeredAt: text('answered_at'),
    closedAt: text('closed_at'),
    isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
    /** Salt of the filing's digest in the ledger (api/domain/ledger/salted-digest.ts); kept with what it proves. */
    filedDigestSalt: text('filed_digest_salt'),
    updatedAt: text('updated_at').notNull(),
  },
  // The list's order (newest first, ties by id): a page is a range seek, not a sort of the table.
  (table) => [index('requests_type_state_idx').on(table.type, table.state), index('requests_filed_idx').on(table.filedAt, table.id)],
);

/** Periods spent waiting for the requester: the deadline clock stops during them. */
export const requestPauses = sqliteTable(
  'request_pauses',
  {
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id),
    from: text('from').notNull(),
    to: text('to'),
  },
  (table) => [primaryKey({ columns: [table.requestId, table.from] })],
);

/** The request's history: transitions and comments, visible to the requester and the handlers. */
export const requestActivity = sqliteTable(
  'request_activity',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id),
    kind: text('kind', { enum: ['filed', 'transition', 'comment', 'assigned'] }).notNull(),
    transition: text('transition'),
    fromState: text('from_state'),
    toState: text('to_state'),
    actor: text('actor').notNull(),
    comment: text('comment'),
    /** Salt of the comment's digest in the ledger: with it, the comment's author can prove the text. */
    commentSalt: text('comment_salt'),
    at: text('at').notNull(),
  },
  (table) => [index('request_activity_request_idx').on(table.requestId, table.id)],
);

/** Deadline notices sent (due soon, overdue), each once. */
export const requestNotices = sqliteTable(
  'request_notices',
  {
    requestId: text('request_id')
      .notNull()
      .references(() => requests.id),
    notice: text('notice').notNull(),
    sentAt: text('sent_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.requestId, table.notice] })],
);

/** Small settings synced from content (e.g. request deadline defaults). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).$type<unknown>().notNull(),
  updatedAt: text('updated_at').notNull(),
});
