import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { ModelCardFrontMatter } from '../../api/domain/model-cards/card-schema.ts';

/** Model cards, synced from content/models/<family>/<version>.md: the reviewed source of a model's documentation. */
export const modelCards = sqliteTable('model_cards', {
  /** The model version the card describes (a models.id). */
  modelId: text('model_id').primaryKey(),
  /** Path relative to CONTENT_DIR. */
  path: text('path').notNull(),
  /** sha256 of the card file: the revision a release vote pins. */
  revision: text('revision').notNull(),
  frontMatter: text('front_matter', { mode: 'json' }).$type<ModelCardFrontMatter>().notNull(),
  /** The prose sections, Markdown. */
  body: text('body').notNull(),
  isExample: integer('is_example', { mode: 'boolean' }).notNull().default(false),
  archivedAt: text('archived_at'),
  updatedAt: text('updated_at').notNull(),
});
