import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/app-env.ts';
import { problemResponses } from '../http/problem.ts';
import { jsonContent, namedComponent } from '../http/schemas.ts';
import { validationHook } from '../http/validation-hook.ts';
import { getCollectionCoverage, getModelCoverage } from '../services/collections/coverage.ts';
import { coverageViewSchema } from '../services/collections/coverage-view-schema.ts';
import { cycleParam } from './collections.ts';

const description =
  'Per target language: release and source tokens, share of the data mix (sum of its parts\' weights), the datasets ' +
  'it comes from, and a gap flag — `none` without data, `low` below half the median target language\'s share. ' +
  'Script variants are merged (ekk_Latn and est_Latn are Estonian). Data in other languages and parts whose path ' +
  'names no language (English by dataset card, code) are listed separately.';

const coverageSchema = namedComponent(coverageViewSchema, 'LanguageCoverage');

const cycleRoute = createRoute({
  method: 'get',
  path: '/collections/{cycle}/coverage',
  tags: ['Training data'],
  summary: "Language coverage of a cycle's data mix for the consortium's target languages",
  description,
  request: { params: cycleParam },
  responses: { 200: jsonContent(coverageSchema, 'The coverage.'), ...problemResponses('not_found') },
});

const modelRoute = createRoute({
  method: 'get',
  path: '/models/{id}/coverage',
  tags: ['Training data'],
  summary: "Language coverage of a model's training cycle for the model's target languages",
  description: `${description} Answers not_found when the model names no cycle or its cycle is not imported.`,
  request: { params: z.object({ id: z.string().max(100).openapi({ example: 'oellm-8b-v0-1' }) }) },
  responses: { 200: jsonContent(coverageSchema, 'The coverage.'), ...problemResponses('not_found') },
});

export const coverageRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(cycleRoute, async (c) => c.json(await getCollectionCoverage(c.get('services'), c.req.valid('param').cycle), 200))
  .openapi(modelRoute, async (c) => c.json(await getModelCoverage(c.get('services'), c.req.valid('param').id), 200));
