import { foreignKey, index, primaryKey, real, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { ImportFinding } from '../../api/domain/collections/import-warning.ts';
import type { Annotation } from '../../api/domain/collections/metadata.ts';
import type { StageCounts } from '../../api/domain/collections/stage-counts.ts';

export type { StageCounts };

/**
 * A training-data collection cycle (`baby`, ...), imported from its folder by `agora import
 * collection`. Every `digest` below is the sha256 of the row's imported values: equal digests mean
 * nothing to write, which is what makes re-imports silent.
 */
export const collections = sqliteTable('collections', {
  /** The cycle folder's name. */
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** As the cycle's metadata.yaml writes it (e.g. "May 2026"). */
  dateLabel: text('date_label'),
  tokenizer: text('tokenizer'),
  /** The cycle-wide `release` and per-dataset `sources` settings, as written. */
  settings: text('settings', { mode: 'json' })
    .$type<{ release: Record<string, unknown> | null; sources: Record<string, unknown> | null }>()
    .notNull(),
  /**
   * What the last import had to say about the tree: warnings (aggregate mismatches, unmixed folders,
   * names missing, ...) and notes (helper folders skipped), told apart by their code.
   */
  warnings: text('warnings', { mode: 'json' }).$type<ImportFinding[]>().notNull(),
  digest: text('digest').notNull(),
  importedAt: text('imported_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** A dataset as one cycle holds it: its metadata.yaml and the totals of its `counts/` folder. */
export const collectionDatasets = sqliteTable(
  'collection_datasets',
  {
    collectionId: text('collection_id')
      .notNull()
      .references(() => collections.id),
    /** The dataset folder's name, versioned (e.g. `hplt-3.0`): the dataset's id across cycles. */
    datasetId: text('dataset_id').notNull(),
    name: text('name').notNull(),
    /** The Hugging Face page or the URL the metadata gives. */
    url: text('url'),
    huggingface: text('huggingface'),
    catalogue: text('catalogue'),
    /** Annotation tasks (contamination, pii, ...) with owner, status as written and its state. */
    annotations: text('annotations', { mode: 'json' }).$type<Annotation[]>().notNull(),
    /** Null when the stage has no counts (never 0). */
    source: text('source', { mode: 'json' }).$type<StageCounts | null>(),
    release: text('release', { mode: 'json' }).$type<StageCounts | null>(),
    digest: text('digest').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.collectionId, table.datasetId] }),
    index('collection_datasets_dataset_idx').on(table.datasetId),
  ],
);

/** A part of the data mix: what one datamix.txt line names (a whole dataset, a language, a subset). */
export const collectionParts = sqliteTable(
  'collection_parts',
  {
    collectionId: text('collection_id').notNull(),
    datasetId: text('dataset_id').notNull(),
    /** Path of the part within the dataset ('' for the whole dataset). */
    part: text('part').notNull(),
    /** The datamix.txt path, e.g. `hplt-3.0/megatron-lm/mlt_Latn`. */
    path: text('path').notNull(),
    /** Language variant (`ekk_Latn`) the part's path names, or null. */
    language: text('language'),
    /** Weight in the cycle's data mix. */
    weight: real('weight').notNull(),
    source: text('source', { mode: 'json' }).$type<StageCounts | null>(),
    release: text('release', { mode: 'json' }).$type<StageCounts | null>(),
    /** Source and release token counts as columns, for sums in SQL. */
    sourceTokens: integer('source_tokens'),
    releaseTokens: integer('release_tokens'),
    digest: text('digest').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.collectionId, table.datasetId, table.part] }),
    foreignKey({
      columns: [table.collectionId, table.datasetId],
      foreignColumns: [collectionDatasets.collectionId, collectionDatasets.datasetId],
    }),
    index('collection_parts_language_idx').on(table.collectionId, table.language),
  ],
);
