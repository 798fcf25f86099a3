import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { MODEL_STATUSES } from '../domain/training/vocabulary.ts';
import type { AppEnv } from '../http/app-env.ts';
import { problemResponses } from '../http/problem.ts';
import { jsonContent, namedComponent, pageOf, pageQuery } from '../http/schemas.ts';
import { validationHook } from '../http/validation-hook.ts';
import { decisionLinkSchema } from '../services/decisions/decisions-about.ts';
import { getModel, listModels } from '../services/models.ts';
import { checkpointViewSchema, modelViewSchema } from '../services/model-view-schemas.ts';
import { runSchema } from './training-runs.ts';

const modelSchema = namedComponent(modelViewSchema, 'Model');

const modelDetailSchema = modelSchema
  .extend({
    checkpoints: z.array(namedComponent(checkpointViewSchema, 'Checkpoint')),
    runs: z.array(runSchema),
    decisions: z.array(namedComponent(decisionLinkSchema, 'DecisionLink')).openapi({ description: 'The votes about this model version, open and closed, newest first.' }),
    release: z
      .object({ proposalId: z.string(), at: z.string(), checkpointDigest: z.string().nullable(), cardRevision: z.string().nullable() })
      .nullable()
      .openapi({ description: 'The passed release vote that released this version, and the checkpoint and card revision it pinned.' }),
  })
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
  .openapi(listRoute, async (c) => c.json(await listModels(c.get('services'), c.req.valid('query')), 200))
  .openapi(getRoute, async (c) => c.json(await getModel(c.get('services'), c.req.valid('param').id), 200));
