import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/app-env.ts';
import { problemResponses } from '../http/problem.ts';
import { jsonContent, namedComponent, pageOf, pageQuery } from '../http/schemas.ts';
import { validationHook } from '../http/validation-hook.ts';
import { getCollection, listCollections } from '../services/collections/collection-views.ts';
import { collectionSummarySchema, collectionViewSchema } from '../services/collections/collection-view-schemas.ts';

export const cycleParam = z.object({ cycle: z.string().max(100).openapi({ description: "The cycle folder's name.", example: 'baby' }) });

const listRoute = createRoute({
  method: 'get',
  path: '/collections',
  tags: ['Training data'],
  summary: 'Imported training-data collection cycles',
  request: { query: z.object(pageQuery) },
  responses: {
    200: jsonContent(pageOf(namedComponent(collectionSummarySchema, 'CollectionSummary'), 'CollectionPage'), 'A page of cycles, ordered by id.'),
    ...problemResponses('invalid'),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/collections/{cycle}',
  tags: ['Training data'],
  summary: 'One cycle: tokenizer, datasets with source and release totals, and every part of its data mix',
  request: { params: cycleParam },
  responses: { 200: jsonContent(namedComponent(collectionViewSchema, 'Collection'), 'The cycle.'), ...problemResponses('not_found') },
});

export const collectionRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listRoute, async (c) => c.json(await listCollections(c.get('services'), c.req.valid('query')), 200))
  .openapi(getRoute, async (c) => c.json(await getCollection(c.get('services'), c.req.valid('param').cycle), 200));
