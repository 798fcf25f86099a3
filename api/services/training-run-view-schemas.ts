import { z } from 'zod';
import { RUN_EVENT_KINDS, RUN_STATES } from '../domain/training/vocabulary.ts';

/**
 * The JSON of the training-run views (training-runs.ts), defined once for the API's responses
 * (api/routes/training-runs.ts, which names them) and the site snapshot
 * (api/site/snapshot-training.ts). Plain zod, as in collections/collection-view-schemas.ts.
 */

/** Steps and tokens: whole and never negative, as reports are checked (api/domain/training/report.ts). */
const count = z.number().int().nonnegative();

export const runViewSchema = z.object({
  id: z.string().meta({ example: 'demo-lumi-1' }),
  modelId: z.string(),
  cycle: z.string().nullable(),
  /** EuroHPC machine: LUMI, Leonardo, MareNostrum 5, JUPITER, ... */
  hpcSystem: z.string().meta({ example: 'LUMI' }),
  state: z.enum(RUN_STATES),
  step: count,
  totalSteps: count.nullable(),
  tokensSeen: count,
  tokensTarget: count.nullable(),
  loss: z.number().nullable(),
  throughput: z.number().nullable().meta({ description: 'Tokens per second at the latest report.' }),
  progress: z.number().nullable().meta({ description: 'Share of the work done, 0–1.' }),
  eta: z.string().nullable().meta({ format: 'date-time', description: 'Estimated completion at the current throughput.' }),
  lastReportAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  isDemo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const runEventSchema = z.object({
  kind: z.enum(RUN_EVENT_KINDS),
  step: count,
  at: z.string(),
  message: z.string().nullable(),
  reportId: z.string(),
});

/** One point of a run's metrics series. */
export const metricPointSchema = z.object({
  step: count,
  at: z.string(),
  tokensSeen: count,
  loss: z.number().nullable(),
  /** Tokens per second. */
  throughput: z.number().nullable(),
});
