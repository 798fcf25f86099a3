import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { LANGUAGE_GROUPS } from '../domain/vocabulary.ts';
import type { AppEnv } from '../http/app-env.ts';
import { problemResponses } from '../http/problem.ts';
import { jsonContent, pageOf, pageQuery } from '../http/schemas.ts';
import { validationHook } from '../http/validation-hook.ts';
import { getLanguage, listLanguages } from '../services/languages.ts';

export const languageSchema = z
  .object({
    code: z.string().openapi({ description: 'ISO 639-3 code.', example: 'mlt' }),
    name: z.string().openapi({ example: 'Maltese' }),
    iso6391: z.string().nullable().openapi({ description: 'ISO 639-1 code where one exists.', example: 'mt' }),
    group: z.enum(LANGUAGE_GROUPS),
    variants: z.array(z.string()).openapi({ description: 'code_Script variants used in data.', example: ['mlt_Latn'] }),
    priority: z.number().int().openapi({ description: "Position in the consortium's priority list." }),
  })
  .openapi('Language');

const listRoute = createRoute({
  method: 'get',
  path: '/languages',
  tags: ['Registry'],
  summary: "The consortium's target languages, in priority order",
  request: { query: z.object({ group: z.enum(LANGUAGE_GROUPS).optional(), ...pageQuery }) },
  responses: {
    200: jsonContent(pageOf(languageSchema, 'LanguagePage'), 'A page of languages.'),
    ...problemResponses('invalid'),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/languages/{code}',
  tags: ['Registry'],
  summary: 'One target language, by ISO 639-3 code or script variant',
  request: { params: z.object({ code: z.string().max(20).openapi({ example: 'ekk_Latn' }) }) },
  responses: { 200: jsonContent(languageSchema, 'The language.'), ...problemResponses('not_found') },
});

export const languageRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listRoute, async (c) => c.json(await listLanguages(c.get('services'), c.req.valid('query')), 200))
  .openapi(getRoute, async (c) => c.json(await getLanguage(c.get('services'), c.req.valid('param').code), 200));
