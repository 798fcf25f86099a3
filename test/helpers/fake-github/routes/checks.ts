import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { GitHubError } from '../github-error.ts';
import { choiceQuery, intParam, readBody } from '../read-body.ts';
import { paginate } from '../paginate.ts';
import { renderCheckRun, renderStatus } from '../render.ts';
import { combineStatuses, createCheckRun, createStatus, listCheckRuns, listStatuses, requireCheckRun, requireSha, updateCheckRun } from '../store/checks.ts';
import { toGitHubTime } from '../store/store.ts';
import { CHECK_CONCLUSIONS, CHECK_STATUSES, STATUS_STATES, type CheckRun, type Repo } from '../store/types.ts';
import { actorOf, repoOf, type FakeEnv, type World } from '../world.ts';

const TEXT_LIMIT = 65_535;
const instant = z.iso.datetime({ offset: true }).transform(toGitHubTime);
const output = z.object({ title: z.string(), summary: z.string().max(TEXT_LIMIT), text: z.string().max(TEXT_LIMIT).optional() });
const runFields = {
  status: z.enum(CHECK_STATUSES).optional(),
  conclusion: z.enum(CHECK_CONCLUSIONS).optional(),
  started_at: instant.optional(),
  completed_at: instant.optional(),
  output: output.optional(),
  details_url: z.string().optional(),
  external_id: z.string().optional(),
};
const createRunBody = z.object({ name: z.string().min(1), head_sha: z.string(), ...runFields });
const updateRunBody = z.object({ name: z.string().min(1).optional(), ...runFields });
const statusBody = z.object({
  state: z.enum(STATUS_STATES),
  target_url: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  context: z.string().optional(),
});

/** Check runs (GitHub Apps only) and commit statuses, the fallback when checks are refused. */
export function checkRoutes(world: World): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>();
  const render = (repo: Repo, run: CheckRun) => renderCheckRun(world.api, repo, run, world.app);

  // Only an installation may touch check runs, and only while the test lets it.
  app.use('/repos/:owner/:repo/check-runs/*', (c, next) => refuseUnlessApp(world, c, next));
  app.use('/repos/:owner/:repo/check-runs', (c, next) => refuseUnlessApp(world, c, next));
  app.use('/repos/:owner/:repo/commits/:ref/check-runs', (c, next) => refuseUnlessApp(world, c, next));

  app.post('/repos/:owner/:repo/check-runs', (c) => {
    const repo = repoOf(world, c);
    return c.json(render(repo, createCheckRun(world.store, repo, readBody(c, createRunBody))), 201);
  });

  app.get('/repos/:owner/:repo/check-runs/:id{[0-9]+}', (c) => {
    const repo = repoOf(world, c);
    return c.json(render(repo, requireCheckRun(repo, intParam(c, 'id'))));
  });

  app.patch('/repos/:owner/:repo/check-runs/:id{[0-9]+}', (c) => {
    const repo = repoOf(world, c);
    return c.json(render(repo, updateCheckRun(world.store, repo, intParam(c, 'id'), readBody(c, updateRunBody))));
  });

  app.get('/repos/:owner/:repo/commits/:ref/check-runs', (c) => {
    const repo = repoOf(world, c);
    const runs = listCheckRuns(repo, requireSha(c.req.param('ref')), {
      check_name: c.req.query('check_name'),
      status: c.req.query('status'),
      filter: choiceQuery(c, 'filter', ['latest', 'all'], 'latest'),
    });
    return c.json({ total_count: runs.length, check_runs: paginate(c, runs).map((run) => render(repo, run)) });
  });

  app.post('/repos/:owner/:repo/statuses/:sha', (c) => {
    const repo = repoOf(world, c);
    const status = createStatus(world.store, repo, c.req.param('sha'), readBody(c, statusBody), actorOf(world, c.get('identity')));
    return c.json(renderStatus(world.api, repo, status), 201);
  });

  app.get('/repos/:owner/:repo/commits/:ref/statuses', (c) => {
    const repo = repoOf(world, c);
    const statuses = listStatuses(repo, requireSha(c.req.param('ref')));
    return c.json(paginate(c, statuses).map((status) => renderStatus(world.api, repo, status)));
  });

  app.get('/repos/:owner/:repo/commits/:ref/status', (c) => {
    const repo = repoOf(world, c);
    const sha = requireSha(c.req.param('ref'));
    const seen = new Set<string>();
    const latest = listStatuses(repo, sha).filter((status) => !seen.has(status.context) && seen.add(status.context));
    return c.json({
      state: combineStatuses(latest),
      sha,
      total_count: latest.length,
      statuses: latest.map((status) => renderStatus(world.api, repo, status)),
      repository: { id: repo.id, full_name: repo.full_name },
    });
  });

  return app;
}

async function refuseUnlessApp(world: World, c: Context<FakeEnv>, next: () => Promise<void>): Promise<void> {
  const identity = c.get('identity');
  if (identity.kind === 'user') throw new GitHubError(403, 'You must authenticate via a GitHub App.');
  if (world.isRefusingCheckRuns) throw new GitHubError(403, 'Resource not accessible by integration');
  await next();
}
