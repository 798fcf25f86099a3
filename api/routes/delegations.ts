import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/app-env.ts';
import { problemResponses } from '../http/problem.ts';
import { jsonContent, namedComponent, pageOf, pageQuery } from '../http/schemas.ts';
import { validationHook } from '../http/validation-hook.ts';
import { createDelegation, listDelegations, revokeDelegation } from '../services/decisions/delegations.ts';
import { delegationViewSchema } from '../services/decisions/view-schemas.ts';

const delegationSchema = namedComponent(delegationViewSchema, 'Delegation');
const security = [{ bearer: [] }];

const listRoute = createRoute({
  method: 'get',
  path: '/delegations',
  tags: ['Decisions'],
  summary: 'Delegations of votes, by organisation and decision kind',
  request: { query: z.object({ organization: z.string().max(100).optional(), kind: z.string().max(100).optional(), ...pageQuery }) },
  responses: {
    200: jsonContent(pageOf(delegationSchema, 'DelegationPage'), 'A page of delegations, oldest first, revoked and expired ones included.'),
    ...problemResponses('invalid'),
  },
});

const createDelegationRoute = createRoute({
  method: 'post',
  path: '/delegations',
  tags: ['Decisions'],
  summary: "Delegate your organisation's vote on a decision kind for a period (its delegates)",
  security,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              from: z.string().max(100),
              to: z.string().max(100),
              kind: z.string().max(100).openapi({ example: 'release' }),
              validFrom: z.iso.datetime({ offset: true }).optional(),
              validUntil: z.iso.datetime({ offset: true }).nullable().optional(),
            })
            .openapi('DelegationRequest'),
        },
      },
    },
  },
  responses: { 201: jsonContent(delegationSchema, 'The delegation.'), ...problemResponses('invalid', 'unauthorized', 'forbidden') },
});

const revokeRoute = createRoute({
  method: 'delete',
  path: '/delegations/{id}',
  tags: ['Decisions'],
  summary: 'Revoke a delegation',
  security,
  request: { params: z.object({ id: z.string().max(100) }) },
  responses: { 200: jsonContent(delegationSchema, 'The revoked delegation.'), ...problemResponses('unauthorized', 'forbidden', 'not_found', 'conflict') },
});

export const delegationRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listRoute, async (c) => c.json(await listDelegations(c.get('services'), c.req.valid('query')), 200))
  .openapi(createDelegationRoute, async (c) => c.json(await createDelegation(c.get('services'), { actor: c.get('actor'), input: c.req.valid('json') }), 201))
  .openapi(revokeRoute, async (c) => c.json(await revokeDelegation(c.get('services'), { actor: c.get('actor'), input: c.req.valid('param') }), 200));
