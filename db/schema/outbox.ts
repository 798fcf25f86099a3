import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Calls to the outside world (GitHub, Discord, ...), written in the transaction of the change that
 * causes them and delivered after its commit (bots/notify): a write never waits for the network,
 * and a call whose change rolled back is never made. `key` makes a delivery idempotent: the same
 * message queued twice is one row, and a retry after a lost answer edits instead of duplicating.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Where it goes: one deliverer per channel. */
    channel: text('channel').notNull(),
    /** Unique per channel: what the message is about (e.g. `proposal:p1/status`). */
    key: text('key').notNull(),
    payload: text('payload', { mode: 'json' }).$type<unknown>().notNull(),
    createdAt: text('created_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Not before this instant: set on each failure, with backoff. */
    nextAttemptAt: text('next_attempt_at').notNull(),
    deliveredAt: text('delivered_at'),
    /** What the remote side called it (a comment or message id), so a later change edits it. */
    remoteId: text('remote_id'),
    lastError: text('last_error'),
    /**
     * Set when the channel said the message can never be delivered (the issue is gone, the request
     * is malformed): kept as a dead letter, out of the channel's way, for an operator to read.
     */
    deadAt: text('dead_at'),
  },
  (table) => [
    uniqueIndex('outbox_channel_key_idx').on(table.channel, table.key),
    index('outbox_due_idx').on(table.channel, table.deliveredAt, table.id),
  ],
);
