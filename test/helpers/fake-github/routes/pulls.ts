import { Hono } from 'hono';
import { notFound } from '../github-error.ts';
import { intParam } from '../read-body.ts';
import { paginate } from '../paginate.ts';
import { renderFile, renderPull } from '../render.ts';
import type { Issue, PullRequest, Repo } from '../store/types.ts';
import { repoOf, type FakeEnv, type World } from '../world.ts';

/** The fields the bot reads of a pull request, and its changed files. */
export function pullRoutes(world: World): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>();

  app.get('/repos/:owner/:repo/pulls/:number{[0-9]+}', (c) => {
    const repo = repoOf(world, c);
    return c.json(renderPull(world.api, repo, requirePull(repo, intParam(c, 'number'))));
  });

  app.get('/repos/:owner/:repo/pulls/:number{[0-9]+}/files', (c) => {
    const repo = repoOf(world, c);
    const pull = requirePull(repo, intParam(c, 'number')).pull_request;
    return c.json(paginate(c, pull.files).map((file) => renderFile(repo, pull.head_sha, file)));
  });

  return app;
}

function requirePull(repo: Repo, number: number): Issue & { pull_request: PullRequest } {
  const issue = repo.issues.get(number);
  if (!issue?.pull_request) throw notFound();
  return issue as Issue & { pull_request: PullRequest };
}
