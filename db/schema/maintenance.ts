import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** One-off repairs of stored data (db/repair-text.ts), each run once per database. */
export const maintenanceRuns = sqliteTable('maintenance_runs', {
  name: text('name').primaryKey(),
  ranAt: text('ran_at').notNull(),
  /** What it found and did, for the operator. */
  details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
});
