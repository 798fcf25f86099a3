import { Hono } from 'hono';
import { z } from 'zod';
import { intParam, choiceQuery, readBody } from '../read-body.ts';
import { paginate } from '../paginate.ts';
import { renderIssue } from '../render.ts';
import { createIssue, listIssues, requireIssue, updateIssue } from '../store/issues.ts';
import { ISSUE_STATES, STATE_REASONS } from '../store/types.ts';
import { actorOf, repoOf, type FakeEnv, type World } from '../world.ts';

/** Labels as GitHub accepts them: names, or objects with a name. */
export const labelNames = z
  .array(z.union([z.string().min(1), z.object({ name: z.string().min(1) })]))
  .transform((labels) => labels.map((label) => (typeof label === 'string' ? label : label.name)));

const createBody = z.object({
  title: z.union([z.string().min(1), z.number()]).transform(String),
  body: z.string().nullable().optional(),
  labels: labelNames.optional(),
});

const updateBody = z.object({
  title: z.union([z.string().min(1), z.number()]).transform(String).optional(),
  body: z.string().nullable().optional(),
  state: z.enum(ISSUE_STATES).optional(),
  state_reason: z.enum(STATE_REASONS).nullable().optional(),
  labels: labelNames.optional(),
});

/** `GET/POST /repos/:o/:r/issues`, `GET/PATCH /repos/:o/:r/issues/:n`. */
export function issueRoutes(world: World): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>();
  const render = (repo: Parameters<typeof renderIssue>[1], issue: Parameters<typeof renderIssue>[2]) => renderIssue(world.api, repo, issue);

  app.get('/repos/:owner/:repo/issues', (c) => {
    const repo = repoOf(world, c);
    const labels = c.req.query('labels');
    const issues = listIssues(repo, {
      state: choiceQuery(c, 'state', ['open', 'closed', 'all'], 'open'),
      sort: choiceQuery(c, 'sort', ['created', 'updated', 'comments'], 'created'),
      direction: choiceQuery(c, 'direction', ['asc', 'desc'], 'desc'),
      since: c.req.query('since'),
      labels: labels ? labels.split(',').map((name) => name.trim()) : undefined,
      creator: c.req.query('creator'),
    });
    return c.json(paginate(c, issues).map((issue) => render(repo, issue)));
  });

  app.post('/repos/:owner/:repo/issues', (c) => {
    const repo = repoOf(world, c);
    const input = readBody(c, createBody);
    const issue = createIssue(world.store, repo, { ...input, user: actorOf(world, c.get('identity')) });
    return c.json(render(repo, issue), 201);
  });

  app.get('/repos/:owner/:repo/issues/:number{[0-9]+}', (c) => {
    const repo = repoOf(world, c);
    return c.json(render(repo, requireIssue(repo, intParam(c, 'number'))));
  });

  app.patch('/repos/:owner/:repo/issues/:number{[0-9]+}', (c) => {
    const repo = repoOf(world, c);
    const issue = requireIssue(repo, intParam(c, 'number'));
    return c.json(render(repo, updateIssue(world.store, repo, issue, readBody(c, updateBody))));
  });

  return app;
}
