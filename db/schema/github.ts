import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const DELIVERY_STATES = ['queued', 'applied', 'failed'] as const;

/**
 * Webhook deliveries as GitHub sent them, stored before they are answered and applied from here
 * (bots/github/delivery-queue.ts). The delivery GUID is the key: a redelivery is the same row, so
 * each delivery is applied once. The payload is kept so that a failed one can be applied again.
 */
export const githubDeliveries = sqliteTable(
  'github_deliveries',
  {
    /** `X-GitHub-Delivery`. */
    id: text('id').primaryKey(),
    /** Arrival order: the queue applies deliveries in it. */
    seq: integer('seq').notNull(),
    event: text('event').notNull(),
    action: text('action'),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    receivedAt: text('received_at').notNull(),
    /** Times the same GUID arrived again (GitHub's retries, redeliveries asked for). */
    duplicates: integer('duplicates').notNull().default(0),
    state: text('state', { enum: DELIVERY_STATES }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at').notNull(),
    appliedAt: text('applied_at'),
    /** What applying it did, in a few words (or why it was recorded only). */
    outcome: text('outcome'),
    lastError: text('last_error'),
  },
  // Unique on seq: the next number is an index seek (max), not a scan of every delivery kept.
  (table) => [index('github_deliveries_queue_idx').on(table.state, table.seq), uniqueIndex('github_deliveries_seq_idx').on(table.seq)],
);

/**
 * Issues the bot follows: the raw issue is kept whatever its body says, with what parsing found,
 * and what the issue became (a request, a release vote). GitHub logins live here, never in the ledger.
 */
export const githubIssues = sqliteTable(
  'github_issues',
  {
    repository: text('repository').notNull(),
    number: integer('number').notNull(),
    /** GitHub's node-independent numeric id: survives a transfer, which changes repository and number. */
    githubId: integer('github_id'),
    form: text('form'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    authorLogin: text('author_login').notNull(),
    authorId: integer('author_id'),
    state: text('state', { enum: ['open', 'closed', 'deleted', 'transferred'] }).notNull(),
    /** Problems found in the body the last time it was parsed; empty when it parsed. */
    problems: text('problems', { mode: 'json' }).$type<string[]>().notNull(),
    requestId: text('request_id'),
    proposalId: text('proposal_id'),
    isPullRequest: integer('is_pull_request', { mode: 'boolean' }).notNull().default(false),
    /** GitHub's updated_at when last seen: the reconciler skips what it has already seen. */
    githubUpdatedAt: text('github_updated_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.repository, table.number] }),
    index('github_issues_request_idx').on(table.requestId),
    index('github_issues_proposal_idx').on(table.proposalId),
  ],
);

/**
 * Effects the bot has had, each once: an effect key (`comment:123:vote`, `issue:o/r#4:filed`) is
 * written in the same transaction as the effect, so a delivery applied again (a redelivery, a crash
 * before it was marked, the reconciler) finds it and does not repeat it. `answer` is what the bot
 * said about it, to say again.
 */
export const githubEffects = sqliteTable('github_effects', {
  key: text('key').primaryKey(),
  answer: text('answer').notNull(),
  at: text('at').notNull(),
});

/** People who filed a request on GitHub without being members: the requester the ledger names by id. */
export const externalRequesters = sqliteTable('external_requesters', {
  /** `ext_…`; the ledger writes `requester:ext_…`. */
  id: text('id').primaryKey(),
  githubId: integer('github_id').unique(),
  githubLogin: text('github_login').notNull(),
  createdAt: text('created_at').notNull(),
});

/** Small state of the bots and the notifier: feed cursors per channel, the reconciler's last sync. */
export const botCursors = sqliteTable('bot_cursors', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});
