import { z } from 'zod';
import { CHECKPOINT_STATUSES, MODEL_STATUSES } from '../domain/training/vocabulary.ts';

/**
 * The JSON of the model views (models.ts), defined once for the API's responses
 * (api/routes/models.ts, which names them) and the site snapshot (api/site/snapshot-training.ts).
 * Plain zod, as in collections/collection-view-schemas.ts.
 */

const count = z.number().int().nonnegative();

export const checkpointViewSchema = z.object({
  id: z.string(),
  modelId: z.string(),
  runId: z.string().nullable(),
  step: count,
  tokens: count.nullable(),
  /** `sha256:<64 hex>`. */
  digest: z.string().meta({ example: `sha256:${'ab'.repeat(32)}` }),
  uri: z.string().nullable(),
  status: z.enum(CHECKPOINT_STATUSES),
  /** When the hub recorded it. */
  createdAt: z.string().meta({ format: 'date-time' }),
});

export const modelViewSchema = z.object({
  id: z.string().meta({ example: 'agora-demo-1b-v0-1' }),
  family: z.object({ id: z.string(), name: z.string() }),
  version: z.string(),
  name: z.string(),
  status: z.enum(MODEL_STATUSES),
  parameters: count.nullable(),
  architecture: z.string().nullable(),
  /** In tokens. */
  contextWindow: count.nullable(),
  licence: z.string().nullable(),
  languages: z.array(z.string()).meta({ description: 'ISO 639-3 codes of the target languages.' }),
  cycle: z.string().nullable().meta({ description: 'The training-data collection cycle.' }),
  /** Made by `agora demo`: every site page showing it says "demo". */
  isDemo: z.boolean().meta({ description: 'Created by `agora demo`, not a real model.' }),
  createdAt: z.string().meta({ format: 'date-time' }),
  updatedAt: z.string().meta({ format: 'date-time' }),
});
