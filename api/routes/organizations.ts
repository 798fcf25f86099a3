import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { DECLARATION_BASES, ORGANIZATION_CATEGORIES, ORGANIZATION_TYPES } from '../domain/vocabulary.ts';
import type { AppEnv } from '../http/app-env.ts';
import { problemResponses } from '../http/problem.ts';
import { jsonContent, pageOf, pageQuery } from '../http/schemas.ts';
import { validationHook } from '../http/validation-hook.ts';
import { getOrganization, listOrganizations } from '../services/organizations.ts';

const eligibilitySchema = z
  .object({
    eligible: z.boolean().openapi({ description: 'May licence model components reserved to eligible European actors.' }),
    reasons: z.array(
      z.object({
        code: z.string().openapi({ example: 'third_country_control' }),
        ok: z.boolean(),
        message: z.string(),
      }),
    ),
  })
  .openapi('Eligibility');

export const organizationSchema = z
  .object({
    id: z.string().openapi({ example: 'charles-university' }),
    name: z.string(),
    legalName: z.string().nullable(),
    country: z.string().openapi({ description: 'ISO 3166-1 alpha-2 country of establishment.', example: 'CZ' }),
    countryName: z.string().openapi({ example: 'Czechia' }),
    category: z.enum(ORGANIZATION_CATEGORIES),
    type: z.enum(ORGANIZATION_TYPES),
    role: z.string().nullable(),
    website: z.string().nullable(),
    joined: z.string().nullable().openapi({ format: 'date' }),
    left: z.string().nullable().openapi({ format: 'date' }),
    ownershipControl: z
      .object({
        thirdCountryControlled: z.boolean(),
        controllers: z.array(z.object({ name: z.string(), country: z.string(), countryName: z.string() })),
        declared: z.string().openapi({ format: 'date' }),
        recheck: z.string().openapi({ format: 'date' }),
        basis: z.enum(DECLARATION_BASES),
        note: z.string().nullable(),
      })
      .nullable(),
    eligibility: eligibilitySchema,
  })
  .openapi('Organization');

const listRoute = createRoute({
  method: 'get',
  path: '/organizations',
  tags: ['Registry'],
  summary: 'List the organisations of the consortium registry',
  request: {
    query: z.object({
      category: z.enum(ORGANIZATION_CATEGORIES).optional(),
      type: z.enum(ORGANIZATION_TYPES).optional(),
      country: z
        .string()
        .regex(/^[A-Za-z]{2}$/, 'expected an ISO 3166-1 alpha-2 code')
        .optional()
        .openapi({ example: 'FI' }),
      ...pageQuery,
    }),
  },
  responses: {
    200: jsonContent(pageOf(organizationSchema, 'OrganizationPage'), 'A page of organisations, ordered by id.'),
    ...problemResponses('invalid'),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/organizations/{id}',
  tags: ['Registry'],
  summary: 'One organisation with its licensing eligibility verdict and reasons',
  request: { params: z.object({ id: z.string().max(100).openapi({ example: 'amd-silo-ai' }) }) },
  responses: {
    200: jsonContent(organizationSchema, 'The organisation.'),
    ...problemResponses('not_found'),
  },
});

export const organizationRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listRoute, async (c) => c.json(await listOrganizations(c.get('services'), c.req.valid('query')), 200))
  .openapi(getRoute, async (c) => c.json(await getOrganization(c.get('services'), c.req.valid('param').id), 200));
