import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/app-env.ts';
import { problemResponses } from '../http/problem.ts';
import { jsonContent, namedComponent, pageOf, pageQuery } from '../http/schemas.ts';
import { validationHook } from '../http/validation-hook.ts';
import { getDataset, listDatasets } from '../services/collections/dataset-views.ts';
import { datasetSummarySchema, datasetViewSchema } from '../services/collections/collection-view-schemas.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/datasets',
  tags: ['Training data'],
  summary: 'Datasets of the imported cycles, with licence and redistribution from their cards',
  request: { query: z.object(pageQuery) },
  responses: {
    200: jsonContent(pageOf(namedComponent(datasetSummarySchema, 'DatasetSummary'), 'DatasetPage'), 'A page of datasets, ordered by id.'),
    ...problemResponses('invalid'),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/datasets/{id}',
  tags: ['Training data'],
  summary: 'One dataset: card facts, annotations, the cycles holding it and its per-language counts',
  request: { params: z.object({ id: z.string().max(200).openapi({ example: 'hplt-3.0' }) }) },
  responses: { 200: jsonContent(namedComponent(datasetViewSchema, 'Dataset'), 'The dataset.'), ...problemResponses('not_found') },
});

export const datasetRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listRoute, async (c) => c.json(await listDatasets(c.get('services'), c.req.valid('query')), 200))
  .openapi(getRoute, async (c) => c.json(await getDataset(c.get('services'), c.req.valid('param').id), 200));
