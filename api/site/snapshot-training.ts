import { z } from 'zod';
import { coverageViewSchema } from '../services/collections/coverage-view-schema.ts';
import { checkpointViewSchema, modelViewSchema } from '../services/model-view-schemas.ts';
import { metricPointSchema, runEventSchema, runViewSchema } from '../services/training-run-view-schemas.ts';

/**
 * The model-registry and training part of the site snapshot: the API's model and run resources
 * (api/services/model-view-schemas.ts, training-run-view-schemas.ts) with what the pages add.
 * Timestamps of bookkeeping (createdAt/updatedAt of models and runs) are left out: the pages do not
 * show them, and every field here is hashed into the site fingerprint.
 */

const bookkeeping = { createdAt: true, updatedAt: true } as const;

const modelSchema = modelViewSchema.omit(bookkeeping).extend({
  /** Newest (highest step) first. */
  checkpoints: z.array(checkpointViewSchema.omit({ modelId: true })),
  /** Coverage of its cycle for its target languages; null when it names no cycle or the cycle is not imported. */
  coverage: coverageViewSchema.nullable(),
});

const runSchema = runViewSchema.omit(bookkeeping).extend({
  /** Newest first, at most MAX_SNAPSHOT_EVENTS (api/services/registry-models-snapshot.ts). */
  events: z.array(runEventSchema),
  metrics: z.object({
    /** Points the run has in the database. */
    total: z.number().int().nonnegative(),
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
export type SiteCheckpoint = SiteModel['checkpoints'][number];
export type SiteMetricPoint = z.infer<typeof metricPointSchema>;
