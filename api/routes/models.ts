import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { CHECKPOINT_STATUSES, MODEL_STATUSES } from '../domain/training/vocabulary.ts';
import type { AppEnv } from '../http/app-env.ts';
import { problemResponses } from '../http/problem.ts';
import { jsonContent, pageOf, pageQuery } from '../http/schemas.ts';
import { validationHook } from '../http/validation-hook.ts';
import { getModel, listModels } from '../services/models.ts';
import { runSchema } from './training-runs.ts';

export const checkpointSchema = z
  .object({
    id: z.string(),
    modelId: z.string(),
    runId: z.string().nullable(),
    step: z.number().int(),
    tokens: z.number().int().nullable(),
    digest: z.string().openapi({ example: `sha256:${'ab'.repeat(32)}` }),
    uri: z.string().nullable(),
    status: z.enum(CHECKPOINT_STATUSES),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Checkpoint');

export const modelSchema = z
  .object({
    id: z.string().openapi({ example: 'agora-demo-1b-v0-1' }),
    family: z.object({ id: z.string(), name: z.string() }),
    version: z.string(),
    name: z.string(),
    status: z.enum(MODEL_STATUSES),
    parameters: z.number().int().nullable(),
    architecture: z.string().nullable(),
    contextWindow: z.number().int().nullable(),
    licence: z.string().nullable(),
    languages: z.array(z.string()).openapi({ description: 'ISO 639-3 codes of the target languages.' }),
    cycle: z.string().nullable().openapi({ description: 'The training-data collection cycle.' }),
    isDemo: z.boolean().openapi({ description: 'Created by `agora demo`, not a real model.' }),
    createdAt: z.string().openapi({ format: 'date-time' }),
    updatedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('Model');

const modelDetailSchema = modelSchema
  .extend({ checkpoints: z.array(checkpointSchema), runs: z.array(runSchema) })
  .openapi('ModelDetail');

const listRoute = createRoute({
  method: 'get',
  path: '/models',
  tags: ['Models'],
  summary: 'List model versions',
  request: { query: z.object({ family: z.string().max(100).optional(), status: z.enum(MODEL_STATUSES).optional(), ...pageQuery }) },
  responses: { 200: jsonContent(pageOf(modelSchema, 'ModelPage'), 'A page of model versions, ordered by id.'), ...problemResponses('invalid') },
});

const getRoute = createRoute({
  method: 'get',
  path: '/models/{id}',
  tags: ['Models'],
  summary: 'One model version with its checkpoints and training runs',
  request: { params: z.object({ id: z.string().max(200) }) },
  responses: { 200: jsonContent(modelDetailSchema, 'The model version.'), ...problemResponses('not_found') },
});

export const modelRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listRoute, async (c) => c.json(await listModels(c.var.services, c.req.valid('query')), 200))
  .openapi(getRoute, async (c) => c.json(await getModel(c.var.services, c.req.valid('param').id), 200));
