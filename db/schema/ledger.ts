import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The append-only, hash-chained record of every state change. Rows are written in the same
 * transaction as the change they record and never updated. Holds ids and digests, never personal
 * data, so people can be erased without breaking the chain.
 */
export const ledger = sqliteTable(
  'ledger',
  {
    seq: integer('seq').primaryKey(),
    /** ISO 8601 instant (UTC, milliseconds). */
    at: text('at').notNull(),
    /** Who acted: `system:<what>`, `token:<id>` or `member:<id>`. */
    actor: text('actor').notNull(),
    /** Event type, `<entity>.<verb>` such as `organization.created`. */
    type: text('type').notNull(),
    /** What it is about, `<entity>:<id>`. */
    subject: text('subject').notNull(),
    /** Canonical JSON of the event's data. */
    data: text('data').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (table) => [index('ledger_subject_idx').on(table.subject), index('ledger_type_idx').on(table.type)],
);
