import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { requestInputSchema } from '../domain/requests/request-schemas.ts';
import { MACHINES } from '../domain/requests/machines.ts';
import { REQUEST_TYPES } from '../domain/requests/vocabulary.ts';
import type { AppEnv } from '../http/app-env.ts';
import { problemResponses } from '../http/problem.ts';
import { jsonContent, namedComponent, pageQuery } from '../http/schemas.ts';
import { validationHook } from '../http/validation-hook.ts';
import { putNominationToVote } from '../services/requests/put-to-vote.ts';
import { exportRequestsCsv, exportRequestViews } from '../services/requests/export-requests.ts';
import { listRequests } from '../services/requests/list-requests.ts';
import { getRequest, inspectionTransparency } from '../services/requests/read-requests.ts';
import { fileRequest } from '../services/requests/file-request.ts';
import { assignRequest, commentOnRequest, transitionRequest } from '../services/requests/transition-request.ts';
import { decisionLinkSchema } from '../services/decisions/decisions-about.ts';

const security = [{ bearer: [] }];
const idParam = z.object({ id: z.string().max(100).openapi({ example: 'req_x1Yz2AbC' }) });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });

const publicRequestSchema = z
  .object({
    id: z.string(),
    type: z.enum(REQUEST_TYPES),
    state: z.string(),
    filedAt: z.string(),
    dueAt: z.string(),
    overdue: z.boolean(),
    paused: z.boolean().openapi({ description: "Waiting for the requester: the deadline clock is stopped." }),
    answeredAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    updatedAt: z.string(),
    isDemo: z.boolean().openapi({ description: 'Filed by `agora demo`, not a real request.' }),
  })
  .openapi('PublicRequest');

const fullRequestSchema = publicRequestSchema
  .extend({
    visibility: z.literal('full'),
    filedBy: z.string(),
    filedDigestSalt: z.string().nullable().openapi({ description: 'With the canonical JSON of what was filed, proves the filing digest in the ledger: sha256(salt + text).' }),
    requesterKind: z.string().nullable(),
    periodDays: z.number().int(),
    assigneeMemberId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).openapi({ type: 'object' }),
    confidential: z.record(z.string(), z.unknown()).openapi({ type: 'object', description: 'Seen only by the requester and the roles handling the request.' }),
    eligibility: z.object({ eligible: z.boolean(), reasons: z.array(z.object({ code: z.string(), ok: z.boolean(), message: z.string() })) }).nullable(),
    revalidateAt: z.string().nullable(),
    linkedDatasetId: z.string().nullable(),
    linkedProposalId: z.string().nullable(),
    daysLeft: z.number().int().nullable(),
    answeredOnTime: z.boolean().nullable(),
    pauses: z.array(z.object({ from: z.string(), to: z.string().nullable() })),
    activity: z.array(
      z.object({ kind: z.string(), transition: z.string().nullable(), from: z.string().nullable(), to: z.string().nullable(), actor: z.string(), comment: z.string().nullable(), commentSalt: z.string().nullable().openapi({ description: 'With the comment, proves the salted digest in the ledger: sha256(salt + comment).' }), at: z.string() }),
    ),
  })
  .openapi('FullRequest');

const requestViewSchema = z.union([fullRequestSchema, publicRequestSchema]).openapi('Request');
const decisions = z.array(namedComponent(decisionLinkSchema, 'DecisionLink')).openapi({ description: 'The votes about this request (a nomination’s inclusion vote), open and closed.' });
/** Every state some request type has: a misspelt state is refused rather than answered with an empty list. */
const REQUEST_STATES = [...new Set(Object.values(MACHINES).flatMap((machine) => machine.states))] as [string, ...string[]];
const listQuery = z.object({
  type: z.enum(REQUEST_TYPES).optional(),
  state: z.enum(REQUEST_STATES).optional(),
  overdue: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
});

const fileRoute = createRoute({
  method: 'post',
  path: '/requests',
  tags: ['Requests'],
  summary: 'File a dataset nomination, an access request, a data-inspection request or a model-card correction',
  description:
    'The public sees a request\'s type, state and dates, nothing you wrote, with one exception: a dataset nomination put to a vote ' +
    'has its `name` and `url` in the vote\'s title and description, since a vote says what it decides. Contact details, personal-data ' +
    'notes, intended use, inspection scope, legal basis and attachments are only ever seen by you and the roles handling the request. ' +
    'A model-card correction\'s `model_id` must name a model of the registry (`GET /api/v1/models`); an unknown one is refused as `invalid`.',
  security,
  // A plain zod schema (the domain's): .openapi() exists only on schemas made after @hono/zod-openapi loaded.
  request: body(requestInputSchema),
  responses: { 201: jsonContent(fullRequestSchema, 'The request as filed (you are its requester).'), ...problemResponses('invalid', 'unauthorized', 'forbidden') },
});

const listRoute = createRoute({
  method: 'get',
  path: '/requests',
  tags: ['Requests'],
  summary: 'Requests, newest first: type, state and dates for everyone; everything for requester and handlers',
  request: { query: listQuery.extend(pageQuery) },
  responses: { 200: jsonContent(z.object({ items: z.array(requestViewSchema), next: z.string().nullable() }).openapi('RequestPage'), 'A page of requests.'), ...problemResponses('invalid') },
});

const exportRoute = createRoute({
  method: 'get',
  path: '/requests/export',
  tags: ['Requests'],
  summary: 'Requests as CSV (or JSON with ?format=json), each as you may see it',
  request: { query: listQuery.extend({ format: z.enum(['csv', 'json']).default('csv') }) },
  responses: {
    200: { description: 'The export.', content: { 'text/csv': { schema: z.string() }, 'application/json': { schema: z.array(requestViewSchema) } } },
    ...problemResponses('invalid'),
  },
});

const transparencyRoute = createRoute({
  method: 'get',
  path: '/requests/transparency',
  tags: ['Requests'],
  summary: 'Data-inspection requests: received, answered in time, median response, by requester kind',
  description: 'The consortium\'s own requests: those filed by `agora demo` are left out (and counted in `demoExcluded`) unless `includeDemo=true`.',
  request: {
    query: z.object({
      includeDemo: z
        .enum(['true', 'false'])
        .transform((value) => value === 'true')
        .optional()
        .openapi({ description: 'Count the demo requests of `agora demo` in the figures too.', example: 'true' }),
    }),
  },
  responses: {
    200: jsonContent(
      z
        .object({
          generatedAt: z.string(),
          includesDemo: z.boolean().openapi({ description: 'Whether demo requests are counted in (only when asked with `includeDemo=true`).' }),
          demoExcluded: z.number().int().openapi({ description: 'Demo requests left out of the figures; 0 when they are counted in.' }),
          received: z.number().int(),
          answered: z.number().int(),
          answeredOnTime: z.number().int(),
          open: z.number().int(),
          overdue: z.number().int(),
          medianResponseDays: z.number().nullable(),
          byRequesterKind: z.array(z.object({ requesterKind: z.string(), received: z.number().int(), answered: z.number().int(), answeredOnTime: z.number().int(), medianResponseDays: z.number().nullable() })),
        })
        .openapi('RequestTransparency'),
      'The figures.',
    ),
    ...problemResponses('invalid'),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/requests/{id}',
  tags: ['Requests'],
  summary: 'One request, as you may see it',
  request: { params: idParam },
  responses: {
    200: jsonContent(
      z
        .union([fullRequestSchema.extend({ decisions }), publicRequestSchema.extend({ decisions })])
        .openapi('RequestDetail'),
      'The request, with the votes about it.',
    ),
    ...problemResponses('not_found'),
  },
});

const transitionRoute = createRoute({
  method: 'post',
  path: '/requests/{id}/transitions',
  tags: ['Requests'],
  summary: "Move a request along its process (who may do what is the request type's state machine)",
  security,
  request: {
    params: idParam,
    ...body(
      z
        .object({
          transition: z.string().min(1).max(50).openapi({ example: 'triage' }),
          comment: z.string().max(20_000).nullable().optional(),
          datasetId: z.string().max(200).optional(),
          revalidateAt: z.iso.datetime({ offset: true }).optional(),
        })
        .openapi('RequestTransition'),
    ),
  },
  responses: { 200: jsonContent(fullRequestSchema, 'The request after the transition.'), ...problemResponses('invalid', 'unauthorized', 'forbidden', 'not_found', 'conflict') },
});

const commentRoute = createRoute({
  method: 'post',
  path: '/requests/{id}/comments',
  tags: ['Requests'],
  summary: 'Comment on a request (requester and handlers; not public)',
  security,
  request: { params: idParam, ...body(z.object({ body: z.string().min(1).max(20_000) })) },
  responses: { 201: jsonContent(fullRequestSchema, 'The request with the comment.'), ...problemResponses('invalid', 'unauthorized', 'forbidden', 'not_found') },
});

const assignRoute = createRoute({
  method: 'post',
  path: '/requests/{id}/assign',
  tags: ['Requests'],
  summary: 'Assign a request to a member who handles its type',
  security,
  request: { params: idParam, ...body(z.object({ memberId: z.string().min(1).max(100) })) },
  responses: { 200: jsonContent(fullRequestSchema, 'The request.'), ...problemResponses('invalid', 'unauthorized', 'forbidden', 'not_found') },
});

const voteRoute = createRoute({
  method: 'post',
  path: '/requests/{id}/vote',
  tags: ['Requests'],
  summary: 'Put a dataset nomination under review to the dataset_inclusion vote',
  description: "Makes the nomination's `name` and `url` public, as the vote's title and description; nothing else it holds.",
  security,
  request: { params: idParam },
  responses: { 200: jsonContent(fullRequestSchema, 'The nomination, linked to its vote.'), ...problemResponses('unauthorized', 'forbidden', 'not_found', 'conflict') },
});

export const requestRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(fileRoute, async (c) => c.json(await fileRequest(c.get('services'), { actor: c.get('actor'), input: c.req.valid('json') }), 201))
  .openapi(listRoute, async (c) => {
    const { cursor, limit, ...filter } = c.req.valid('query');
    return c.json(await listRequests(c.get('services'), { actor: c.get('actor'), filter: { ...filter, cursor, limit } }), 200);
  })
  .openapi(exportRoute, async (c) => {
    const { format, ...filter } = c.req.valid('query');
    if (format === 'json') {
      return c.json(await exportRequestViews(c.get('services'), { actor: c.get('actor'), filter }), 200);
    }
    const csv = await exportRequestsCsv(c.get('services'), { actor: c.get('actor'), filter });
    return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="requests.csv"' });
  })
  .openapi(transparencyRoute, async (c) => c.json(await inspectionTransparency(c.get('services'), { includeDemo: c.req.valid('query').includeDemo ?? false }), 200))
  .openapi(getRoute, async (c) => c.json(await getRequest(c.get('services'), { actor: c.get('actor'), id: c.req.valid('param').id }), 200))
  .openapi(transitionRoute, async (c) =>
    c.json(await transitionRequest(c.get('services'), { actor: c.get('actor'), input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200),
  )
  .openapi(commentRoute, async (c) => c.json(await commentOnRequest(c.get('services'), { actor: c.get('actor'), input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 201))
  .openapi(assignRoute, async (c) => c.json(await assignRequest(c.get('services'), { actor: c.get('actor'), input: { ...c.req.valid('param'), ...c.req.valid('json') } }), 200))
  .openapi(voteRoute, async (c) => c.json(await putNominationToVote(c.get('services'), { actor: c.get('actor'), input: c.req.valid('param') }), 200));
