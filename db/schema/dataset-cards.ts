import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { DATASET_CONTENTS } from '../../api/domain/collections/vocabulary.ts';

/**
 * Reviewed facts about a dataset that its collection folder does not hold, synced from
 * `content/datasets/<dataset-id>.yaml`. Independent of imports: a card may come before its dataset.
 */
export const datasetCards = sqliteTable('dataset_cards', {
  /** The dataset's id: its folder name in the collection (e.g. `hplt-3.0`). */
  datasetId: text('dataset_id').primaryKey(),
  /** SPDX identifier; null until verified. */
  licence: text('licence'),
  licenceSource: text('licence_source'),
  /** True: may be redistributed; false: inspection only; null: not yet assessed. */
  redistributable: integer('redistributable', { mode: 'boolean' }),
  content: text('content', { enum: DATASET_CONTENTS }).notNull(),
  /** Language variant of the parts whose path names none. */
  language: text('language'),
  note: text('note'),
  contentDigest: text('content_digest').notNull(),
  archivedAt: text('archived_at'),
  updatedAt: text('updated_at').notNull(),
});
