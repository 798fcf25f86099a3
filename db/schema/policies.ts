import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { PolicyEntry } from '../../api/domain/decisions/policy.ts';

/** Decision policies, synced from content/governance/policies.yaml. */
export const policies = sqliteTable('policies', {
  kind: text('kind').primaryKey(),
  title: text('title').notNull(),
  /** The validated policy as written in the content file. */
  definition: text('definition', { mode: 'json' }).$type<PolicyEntry>().notNull(),
  contentDigest: text('content_digest').notNull(),
  archivedAt: text('archived_at'),
  updatedAt: text('updated_at').notNull(),
});
