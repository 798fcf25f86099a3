import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { RUN_EVENT_KINDS, RUN_STATES } from '../../api/domain/training/vocabulary.ts';
import { models } from './models.ts';

/** A training job on an HPC system, as its reports describe it. */
export const trainingRuns = sqliteTable(
  'training_runs',
  {
    id: text('id').primaryKey(),
    modelId: text('model_id')
      .notNull()
      .references(() => models.id),
    /** The data-collection cycle it trains on. */
    cycle: text('cycle'),
    /** LUMI, Leonardo, MareNostrum 5, JUPITER, ... */
    hpcSystem: text('hpc_system').notNull(),
    state: text('state', { enum: RUN_STATES }).notNull(),
    step: integer('step').notNull().default(0),
    totalSteps: integer('total_steps'),
    tokensSeen: integer('tokens_seen').notNull().default(0),
    tokensTarget: integer('tokens_target'),
    loss: real('loss'),
    /** Tokens per second at the latest report. */
    throughput: real('throughput'),
    /** Instant and id of the report the current figures come from (the latest by its own clock). */
    lastReportAt: text('last_report_at'),
    lastReportId: text('last_report_id'),
    startedAt: text('started_at'),
    completedAt: text('completed_at'),
    isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
    /** The reporter token that registered the run: it may report to it (api_tokens.run_ids grants others). */
    registeredByToken: text('registered_by_token'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (table) => [index('training_runs_model_idx').on(table.modelId)],
);

/** Every report a job sent, by its own id: a re-sent report is recognised and changes nothing. */
export const trainingReports = sqliteTable(
  'training_reports',
  {
    runId: text('run_id')
      .notNull()
      .references(() => trainingRuns.id),
    reportId: text('report_id').notNull(),
    at: text('at').notNull(),
    step: integer('step').notNull(),
    /** sha256 of the canonical report, to tell a true re-send from a conflicting reuse of the id. */
    digest: text('digest').notNull(),
    receivedAt: text('received_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.runId, table.reportId] })],
);

/** The metrics series: one point per step. */
export const trainingMetrics = sqliteTable(
  'training_metrics',
  {
    runId: text('run_id')
      .notNull()
      .references(() => trainingRuns.id),
    step: integer('step').notNull(),
    at: text('at').notNull(),
    tokensSeen: integer('tokens_seen').notNull(),
    loss: real('loss'),
    throughput: real('throughput'),
  },
  (table) => [primaryKey({ columns: [table.runId, table.step] })],
);

/** Things that happened to a run: checkpoints saved, restarts, failures. */
export const trainingEvents = sqliteTable(
  'training_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    runId: text('run_id')
      .notNull()
      .references(() => trainingRuns.id),
    reportId: text('report_id').notNull(),
    kind: text('kind', { enum: RUN_EVENT_KINDS }).notNull(),
    step: integer('step').notNull(),
    at: text('at').notNull(),
    message: text('message'),
  },
  (table) => [index('training_events_run_idx').on(table.runId, table.at)],
);
