import { z } from 'zod';
import { CHECKPOINT_STATUSES, MODEL_STATUSES, RUN_EVENT_KINDS, RUN_STATES } from '../domain/training/vocabulary.ts';
import { coverageSchema } from './snapshot-collections.ts';

/**
 * The model-registry and training part of the site snapshot. Timestamps of bookkeeping
 * (createdAt/updatedAt of models and runs) are left out: the pages do not show them, and every
 * field here is hashed into the site fingerprint.
 */

const count = z.number().int().nonnegative();

const checkpointSchema = z.object({
  id: z.string(),
  runId: z.string().nullable(),
  step: count,
  tokens: count.nullable(),
  /** `sha256:<64 hex>`. */
  digest: z.string(),
  uri: z.string().nullable(),
  status: z.enum(CHECKPOINT_STATUSES),
  /** When the hub recorded it. */
  createdAt: z.string(),
});

const modelSchema = z.object({
  id: z.string(),
  family: z.object({ id: z.string(), name: z.string() }),
  version: z.string(),
  name: z.string(),
  status: z.enum(MODEL_STATUSES),
  parameters: count.nullable(),
  architecture: z.string().nullable(),
  /** In tokens. */
  contextWindow: count.nullable(),
  licence: z.string().nullable(),
  /** ISO 639-3 codes of its target languages. */
  languages: z.array(z.string()),
  /** The training-data cycle it is trained on. */
  cycle: z.string().nullable(),
  /** Made by `agora demo`: every page showing it says "demo". */
  isDemo: z.boolean(),
  /** Newest (highest step) first. */
  checkpoints: z.array(checkpointSchema),
  /** Coverage of its cycle for its target languages; null when it names no cycle or the cycle is not imported. */
  coverage: coverageSchema.nullable(),
});

const metricPointSchema = z.object({
  step: count,
  at: z.string(),
  tokensSeen: count,
  loss: z.number().nullable(),
  /** Tokens per second. */
  throughput: z.number().nullable(),
});

const runSchema = z.object({
  id: z.string(),
  modelId: z.string(),
  cycle: z.string().nullable(),
  /** EuroHPC machine: LUMI, Leonardo, MareNostrum 5, JUPITER, ... */
  hpcSystem: z.string(),
  state: z.enum(RUN_STATES),
  step: count,
  totalSteps: count.nullable(),
  tokensSeen: count,
  tokensTarget: count.nullable(),
  loss: z.number().nullable(),
  /** Tokens per second at the latest report. */
  throughput: z.number().nullable(),
  /** Share of the work done, 0–1. */
  progress: z.number().nullable(),
  /** Estimated completion, counted from the last report. */
  eta: z.string().nullable(),
  lastReportAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  isDemo: z.boolean(),
  /** Newest first, at most MAX_SNAPSHOT_EVENTS (api/services/registry-models-snapshot.ts). */
  events: z.array(z.object({ kind: z.enum(RUN_EVENT_KINDS), step: count, at: z.string(), message: z.string().nullable(), reportId: z.string() })),
  metrics: z.object({
    /** Points the run has in the database. */
    total: count,
    /**
     * In step order: every point when there are at most 600, otherwise 600 evenly spaced ones
     * including the first and the last (api/domain/training/downsample-series.ts).
     */
    points: z.array(metricPointSchema),
  }),
});

export const trainingSnapshotSchema = { models: z.array(modelSchema), trainingRuns: z.array(runSchema) };

export type SiteModel = z.infer<typeof modelSchema>;
export type SiteRun = z.infer<typeof runSchema>;
export type SiteCheckpoint = z.infer<typeof checkpointSchema>;
export type SiteMetricPoint = z.infer<typeof metricPointSchema>;
