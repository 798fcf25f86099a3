import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { BALLOT_OPTIONS } from '../domain/decisions/policy.ts';
import { PROPOSAL_STATES } from '../domain/decisions/vocabulary.ts';
import type { AppEnv } from '../http/app-env.ts';
import { problemResponses } from '../http/problem.ts';
import { jsonContent, namedComponent, pageOf, pageQuery } from '../http/schemas.ts';
import { validationHook } from '../http/validation-hook.ts';
import { castBallot } from '../services/decisions/ballots.ts';
import { listConcerns, raiseConcern, resolveConcern } from '../services/decisions/concerns.ts';
import { getProposalRow, listProposals, openProposal, refreshElectorate, withdrawProposal } from '../services/decisions/proposals.ts';
import { getTally, listBallots } from '../services/decisions/tally.ts';
import { verifyProposalTally } from '../services/decisions/verify.ts';
import { effectsOf } from '../services/decisions/decision-effects.ts';
import {
  ballotViewSchema,
  concernViewSchema,
  proposalSubjectSchema,
  proposalViewSchema,
  tallyViewSchema,
  toProposalView,
} from '../services/decisions/view-schemas.ts';

const proposalSchema = namedComponent(proposalViewSchema, 'Proposal');
const concernSchema = namedComponent(concernViewSchema, 'Concern');
// Rebuilt with this module's `z`, as namedComponent() does for objects: the plain-zod view may have
// been made before @hono/zod-openapi loaded (the site snapshot imports it), and then has no .openapi().
const [publicTally, secretTally] = tallyViewSchema.options;
const tallySchema = z.union([z.object(publicTally.shape), z.object(secretTally.shape)]).openapi('Tally');
const security = [{ bearer: [] }];
const idParam = z.object({ id: z.string().max(100).openapi({ example: 'prop_x1Yz2A' }) });
const body = <T extends z.ZodType>(schema: T) => ({ body: { required: true, content: { 'application/json': { schema } } } });

const listRoute = createRoute({
  method: 'get',
  path: '/proposals',
  tags: ['Decisions'],
  summary: 'List decisions put to a vote, newest first',
  request: { query: z.object({ state: z.enum(PROPOSAL_STATES).optional(), kind: z.string().max(100).optional(), ...pageQuery }) },
  responses: { 200: jsonContent(pageOf(proposalSchema, 'ProposalPage'), 'A page of proposals.'), ...problemResponses('invalid') },
});

const openRoute = createRoute({
  method: 'post',
  path: '/proposals',
  tags: ['Decisions'],
  summary: 'Open a vote under the policy of its kind (preconditions checked, subject pinned)',
  security,
  request: body(
    z
      .object({
        id: z.string().regex(/^[\w-]{3,100}$/).optional(),
        kind: z.string().min(1).max(100).openapi({ example: 'release' }),
        title: z.string().min(1).max(300),
        description: z.string().max(20_000).nullable().optional(),
        subject: proposalSubjectSchema,
        supersedes: z.string().min(1).max(100).optional().openapi({ description: 'An open vote of the same kind on the same subject that this one replaces; it closes as `superseded`.' }),
      })
      .openapi('ProposalRequest'),
  ),
  responses: { 201: jsonContent(proposalSchema, 'The vote, open.'), ...problemResponses('invalid', 'unauthorized', 'forbidden', 'conflict') },
});

const getRoute = createRoute({
  method: 'get',
  path: '/proposals/{id}',
  tags: ['Decisions'],
  summary: 'One proposal',
  request: { params: idParam },
  responses: { 200: jsonContent(proposalSchema, 'The proposal.'), ...problemResponses('not_found') },
});

const withdrawRoute = createRoute({
  method: 'post',
  path: '/proposals/{id}/withdraw',
  tags: ['Decisions'],
  summary: 'Withdraw an open vote (its proposer or the secretariat)',
  security,
  request: { params: idParam, ...body(z.object({ reason: z.string().max(2000).optional() })) },
  responses: { 200: jsonContent(proposalSchema, 'The withdrawn proposal.'), ...problemResponses('unauthorized', 'forbidden', 'not_found', 'conflict') },
});

const electorateRoute = createRoute({
  method: 'post',
  path: '/proposals/{id}/electorate',
  tags: ['Decisions'],
  summary: "Refresh an open vote's electorate snapshot (secretariat; logged)",
  security,
  request: { params: idParam },
  responses: { 200: jsonContent(proposalSchema, 'The proposal with its new electorate.'), ...problemResponses('unauthorized', 'forbidden', 'not_found', 'conflict') },
});

const tallyRoute = createRoute({
  method: 'get',
  path: '/proposals/{id}/tally',
  tags: ['Decisions'],
  summary: 'The tally now (or as closed), explained; a secret vote shows only turnout until close',
  request: { params: idParam },
  responses: { 200: jsonContent(tallySchema, 'The tally.'), ...problemResponses('not_found') },
});

const verifyRoute = createRoute({
  method: 'get',
  path: '/proposals/{id}/tally/verify',
  tags: ['Decisions'],
  summary: "Recompute a closed vote's outcome from the ledger alone",
  request: { params: idParam },
  responses: {
    200: jsonContent(
      z
        .object({
          proposalId: z.string(),
          matches: z.boolean(),
          recorded: z.object({ outcome: z.string(), counts: z.object({ approve: z.number(), reject: z.number(), abstain: z.number() }), closedAt: z.string() }).nullable(),
          problems: z.array(z.string()),
        })
        .openapi('TallyVerification'),
      'Whether the ledger supports the recorded outcome.',
    ),
    ...problemResponses('not_found'),
  },
});

const ballotsRoute = createRoute({
  method: 'get',
  path: '/proposals/{id}/ballots',
  tags: ['Decisions'],
  summary: 'Every ballot, history included (secret votes: after close, with salts)',
  request: { params: idParam },
  responses: { 200: jsonContent(z.object({ items: z.array(namedComponent(ballotViewSchema, 'Ballot')), next: z.null() }), 'The ballots in casting order.'), ...problemResponses('forbidden', 'not_found') },
});

const castRoute = createRoute({
  method: 'post',
  path: '/proposals/{id}/ballots',
  tags: ['Decisions'],
  summary: "Cast or change your organisation's ballot (a delegate's binding, others' advisory)",
  security,
  request: {
    params: idParam,
    ...body(z.object({ option: z.enum(BALLOT_OPTIONS), reason: z.string().max(5000).nullable().optional() }).openapi('BallotRequest')),
  },
  responses: {
    201: jsonContent(
      z
        .object({
          ballotId: z.string(),
          proposalId: z.string(),
          organizationId: z.string(),
          binding: z.boolean(),
          option: z.enum(BALLOT_OPTIONS),
          castAt: z.string(),
          receipt: z.string().nullable().openapi({ description: 'Secret votes: your receipt, to find in the list published at close.' }),
          replaces: z.string().nullable(),
        })
        .openapi('BallotReceipt'),
      'The ballot was recorded.',
    ),
    ...problemResponses('invalid', 'unauthorized', 'forbidden', 'not_found', 'deadline_passed'),
  },
});

const concernsRoute = createRoute({
  method: 'get',
  path: '/proposals/{id}/concerns',
  tags: ['Decisions'],
  summary: 'Concerns raised on a vote',
  request: { params: idParam },
  responses: { 200: jsonContent(z.object({ items: z.array(concernSchema), next: z.null() }), 'Concerns, oldest first.'), ...problemResponses('not_found') },
});

const raiseRoute = createRoute({
  method: 'post',
  path: '/proposals/{id}/concerns',
  tags: ['Decisions'],
  summary: 'Raise a named concern that blocks passing until its author resolves it',
  security,
  request: { params: idParam, ...body(z.object({ title: z.string().min(1).max(300), body: z.string().max(20_000).nullable().optional() }).openapi('ConcernRequest')) },
  responses: { 201: jsonContent(concernSchema, 'The concern.'), ...problemResponses('invalid', 'unauthorized', 'forbidden', 'not_found', 'deadline_passed') },
});

const resolveRoute = createRoute({
  method: 'post',
  path: '/proposals/{id}/concerns/{concernId}/resolve',
  tags: ['Decisions'],
  summary: "Resolve a concern (its author or a delegate of the author's organisation)",
  security,
  request: {
    params: idParam.extend({ concernId: z.string().max(100) }),
    ...body(z.object({ resolution: z.string().max(20_000).nullable().optional() })),
  },
  responses: { 200: jsonContent(concernSchema, 'The resolved concern.'), ...problemResponses('unauthorized', 'forbidden', 'not_found', 'conflict', 'deadline_passed') },
});

export const proposalRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listRoute, async (c) => {
    const page = await listProposals(c.get('services'), c.req.valid('query'));
    const effects = await effectsOf(c.get('services').database.db, page.items.map((item) => item.id));
    return c.json({ items: page.items.map((item) => toProposalView(item, effects.get(item.id) ?? null)), next: page.next }, 200);
  })
  .openapi(openRoute, async (c) => c.json(toProposalView(await openProposal(c.get('services'), { actor: c.get('actor'), input: c.req.valid('json') })), 201))
  .openapi(getRoute, async (c) => {
    const { id } = c.req.valid('param');
    const db = c.get('services').database.db;
    const [row, effects] = await Promise.all([getProposalRow(db, id), effectsOf(db, [id])]);
    return c.json(toProposalView(row, effects.get(id) ?? null), 200);
  })
  .openapi(withdrawRoute, async (c) => {
    const withdrawn = await withdrawProposal(c.get('services'), { actor: c.get('actor'), input: { ...c.req.valid('param'), ...c.req.valid('json') } });
    return c.json(toProposalView(withdrawn, withdrawn.effect), 200);
  })
  .openapi(electorateRoute, async (c) => c.json(toProposalView(await refreshElectorate(c.get('services'), { actor: c.get('actor'), input: c.req.valid('param') })), 200))
  .openapi(tallyRoute, async (c) => c.json(await getTally(c.get('services'), c.req.valid('param').id), 200))
  .openapi(verifyRoute, async (c) => {
    const { recomputed: _recomputed, ...result } = await verifyProposalTally(c.get('services'), c.req.valid('param').id);
    return c.json(result, 200);
  })
  .openapi(ballotsRoute, async (c) => c.json({ items: await listBallots(c.get('services'), c.req.valid('param').id), next: null }, 200))
  .openapi(castRoute, async (c) =>
    c.json(await castBallot(c.get('services'), { actor: c.get('actor'), input: { proposalId: c.req.valid('param').id, ...c.req.valid('json'), channel: 'api' } }), 201),
  )
  .openapi(concernsRoute, async (c) => c.json({ items: await listConcerns(c.get('services'), c.req.valid('param').id), next: null }, 200))
  .openapi(raiseRoute, async (c) =>
    c.json(await raiseConcern(c.get('services'), { actor: c.get('actor'), input: { proposalId: c.req.valid('param').id, ...c.req.valid('json') } }), 201),
  )
  .openapi(resolveRoute, async (c) => {
    const { id, concernId } = c.req.valid('param');
    return c.json(await resolveConcern(c.get('services'), { actor: c.get('actor'), input: { proposalId: id, concernId, ...c.req.valid('json') } }), 200);
  });
