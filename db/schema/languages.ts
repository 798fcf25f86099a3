import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { LANGUAGE_GROUPS } from '../../api/domain/vocabulary.ts';

/** The consortium's target languages, synced from content/governance/languages.yaml. */
export const languages = sqliteTable('languages', {
  /** ISO 639-3 code. */
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  iso6391: text('iso639_1'),
  group: text('group', { enum: LANGUAGE_GROUPS }).notNull(),
  /** code_Script variants under which data for the language appears (first is preferred). */
  variants: text('variants', { mode: 'json' }).$type<string[]>().notNull(),
  priority: integer('priority').notNull(),
  contentDigest: text('content_digest').notNull(),
  archivedAt: text('archived_at'),
  updatedAt: text('updated_at').notNull(),
});
