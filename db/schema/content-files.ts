import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** The digest of each content file at its last successful sync. */
export const contentFiles = sqliteTable('content_files', {
  /** Path relative to CONTENT_DIR, with forward slashes. */
  path: text('path').primaryKey(),
  digest: text('digest').notNull(),
  syncedAt: text('synced_at').notNull(),
});
