import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { TOKEN_SCOPES } from '../domain/vocabulary.ts';
import type { AppEnv } from '../http/app-env.ts';
import { problemResponses } from '../http/problem.ts';
import { jsonContent, pageOf, pageQuery } from '../http/schemas.ts';
import { validationHook } from '../http/validation-hook.ts';
import { createToken, listTokens, revokeToken } from '../services/tokens.ts';

const tokenSchema = z
  .object({
    id: z.string().openapi({ example: 'tok_3Jq9mXr2' }),
    name: z.string(),
    scopes: z.array(z.enum(TOKEN_SCOPES)),
    memberId: z.string().nullable(),
    runIds: z.array(z.string()).openapi({ description: 'Reporter tokens: runs granted besides those the token registers itself.' }),
    createdAt: z.string().openapi({ format: 'date-time' }),
    createdBy: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('Token');

const security = [{ bearer: [] }];

const listRoute = createRoute({
  method: 'get',
  path: '/tokens',
  tags: ['Tokens'],
  summary: 'List API tokens (admin)',
  security,
  request: { query: z.object(pageQuery) },
  responses: {
    200: jsonContent(pageOf(tokenSchema, 'TokenPage'), 'A page of tokens, oldest first, revoked and expired ones included.'),
    ...problemResponses('invalid', 'unauthorized', 'forbidden'),
  },
});

const createTokenRoute = createRoute({
  method: 'post',
  path: '/tokens',
  tags: ['Tokens'],
  summary: 'Issue an API token (admin); the secret is shown once',
  security,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              name: z.string().min(1).max(200).openapi({ example: 'LUMI training reporter' }),
              scopes: z.array(z.enum(TOKEN_SCOPES)).min(1),
              memberId: z.string().min(1).max(100).nullable().optional().openapi({ description: 'The registry member the token acts for (their delegate or handler roles); leave out for a token that acts for no one.' }),
              runIds: z
                .array(z.string().min(1).max(200))
                .max(100)
                .optional()
                .openapi({ description: 'Reporter tokens: the existing runs it may report to. It may always report to the runs it registers itself, and to no other.' }),
              expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
            })
            .openapi('TokenRequest'),
        },
      },
    },
  },
  responses: {
    201: jsonContent(
      z.object({ token: tokenSchema, secret: z.string().openapi({ description: 'Shown once; stored only as a hash.' }) }),
      'The token and its secret.',
    ),
    ...problemResponses('invalid', 'unauthorized', 'forbidden'),
  },
});

const revokeRoute = createRoute({
  method: 'delete',
  path: '/tokens/{id}',
  tags: ['Tokens'],
  summary: 'Revoke an API token (admin)',
  security,
  request: { params: z.object({ id: z.string().max(100) }) },
  responses: {
    200: jsonContent(tokenSchema, 'The revoked token.'),
    ...problemResponses('unauthorized', 'forbidden', 'not_found', 'conflict'),
  },
});

export const tokenRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listRoute, async (c) => c.json(await listTokens(c.get('services'), { actor: c.get('actor'), ...c.req.valid('query') }), 200))
  .openapi(createTokenRoute, async (c) =>
    c.json(await createToken(c.get('services'), { actor: c.get('actor'), input: c.req.valid('json') }), 201),
  )
  .openapi(revokeRoute, async (c) =>
    c.json(await revokeToken(c.get('services'), { actor: c.get('actor'), input: c.req.valid('param') }), 200),
  );
