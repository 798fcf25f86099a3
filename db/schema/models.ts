import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CHECKPOINT_STATUSES, MODEL_STATUSES } from '../../api/domain/training/vocabulary.ts';

/** A line of models (e.g. one architecture trained on successive cycles). */
export const modelFamilies = sqliteTable('model_families', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description'),
  /** Created by `agora demo`; shown as demo everywhere. */
  isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
  updatedAt: text('updated_at').notNull(),
});

/** One model version of a family. */
export const models = sqliteTable(
  'models',
  {
    /** Slug such as `oellm-8b-v0-1`; stable, used in URLs and the ledger. */
    id: text('id').primaryKey(),
    familyId: text('family_id')
      .notNull()
      .references(() => modelFamilies.id),
    version: text('version').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: MODEL_STATUSES }).notNull(),
    /** Parameter count. */
    parameters: integer('parameters'),
    architecture: text('architecture'),
    contextWindow: integer('context_window'),
    /** SPDX identifier or licence name. */
    licence: text('licence'),
    /** ISO 639-3 codes of the target languages. */
    languages: text('languages', { mode: 'json' }).$type<string[]>().notNull(),
    /** The training-data collection cycle it is trained on (a collection id). */
    cycle: text('cycle'),
    isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (table) => [uniqueIndex('models_family_version_idx').on(table.familyId, table.version)],
);

/** A saved state of a model's weights. */
export const checkpoints = sqliteTable(
  'checkpoints',
  {
    id: text('id').primaryKey(),
    modelId: text('model_id')
      .notNull()
      .references(() => models.id),
    /** The run that saved it, when a run reported it. */
    runId: text('run_id'),
    step: integer('step').notNull(),
    tokens: integer('tokens'),
    /** Content digest, `sha256:<hex>`: what a release vote pins. */
    digest: text('digest').notNull(),
    uri: text('uri'),
    status: text('status', { enum: CHECKPOINT_STATUSES }).notNull(),
    createdAt: text('created_at').notNull(),
  },
  (table) => [
    uniqueIndex('checkpoints_model_digest_idx').on(table.modelId, table.digest),
    index('checkpoints_run_idx').on(table.runId, table.step),
  ],
);
