import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { GitHubError, notFound, validationFailed } from '../github-error.ts';
import { readBody } from '../read-body.ts';
import { renderPull } from '../render.ts';
import { createIssue } from '../store/issues.ts';
import type { Issue, PullRequest } from '../store/types.ts';
import { actorOf, repoOf, type FakeEnv, type World } from '../world.ts';

const sha = () => randomBytes(20).toString('hex');

/**
 * What a bot needs to propose a change as a pull request: read a branch, create one, write a file
 * on it (one commit each), list and open pull requests — with GitHub's refusals (a branch that
 * exists, a file written without the sha it replaces, a second open pull request for one head).
 */
export function gitWriteRoutes(world: World): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>();

  // Octokit sends the ref percent-encoded (`heads%2Fmain`), as GitHub accepts it.
  app.get('/repos/:owner/:repo/git/ref/:ref{.+}', (c) => {
    const repo = repoOf(world, c);
    const ref = decodeURIComponent(c.req.param('ref'));
    if (!ref.startsWith('heads/')) throw notFound();
    const branch = ref.slice('heads/'.length);
    const head = repo.branches.get(branch);
    if (!head) throw notFound();
    return c.json({ ref: `refs/heads/${branch}`, object: { sha: head, type: 'commit', url: `${world.api}/repos/${repo.full_name}/git/commits/${head}` } });
  });

  app.post('/repos/:owner/:repo/git/refs', (c) => {
    const repo = repoOf(world, c);
    const { ref, sha: at } = readBody(c, z.object({ ref: z.string().regex(/^refs\/heads\/.+/), sha: z.string() }));
    const branch = ref.slice('refs/heads/'.length);
    if (repo.branches.has(branch)) throw new GitHubError(422, 'Reference already exists');
    repo.branches.set(branch, at);
    // The new branch starts with the files of the branch whose head it was made from.
    const from = [...repo.branches].find(([name, head]) => name !== branch && head === at)?.[0];
    if (from) for (const [key, text] of [...repo.files]) if (key.startsWith(`${from.toLowerCase()}:`)) repo.files.set(`${branch.toLowerCase()}:${key.slice(from.length + 1)}`, text);
    return c.json({ ref, object: { sha: at, type: 'commit' } }, 201);
  });

  app.put('/repos/:owner/:repo/contents/:path{.+}', (c) => {
    const repo = repoOf(world, c);
    const path = c.req.param('path');
    const body = readBody(c, z.object({ message: z.string().min(1), content: z.string(), branch: z.string().optional(), sha: z.string().optional() }));
    const branch = body.branch ?? 'main';
    if (!repo.branches.has(branch)) throw notFound(`Branch ${branch} not found`);
    // File keys are `ref:path` with the ref in lower case, as GET /contents reads them.
    const key = `${branch.toLowerCase()}:${path}`;
    if (repo.files.has(key) && !body.sha) throw new GitHubError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
    const existed = repo.files.has(key);
    repo.files.set(key, Buffer.from(body.content, 'base64').toString('utf8'));
    const commit = sha();
    repo.branches.set(branch, commit);
    return c.json({ content: { path, name: path.split('/').at(-1), type: 'file' }, commit: { sha: commit, message: body.message } }, existed ? 200 : 201);
  });

  app.get('/repos/:owner/:repo/pulls', (c) => {
    const repo = repoOf(world, c);
    const head = c.req.query('head');
    const state = c.req.query('state') ?? 'open';
    const pulls = [...repo.issues.values()].filter(
      (issue): issue is Issue & { pull_request: PullRequest } =>
        issue.pull_request !== null && (state === 'all' || issue.state === state) && (!head || `${repo.owner.login}:${issue.pull_request.head_ref}` === head),
    );
    return c.json(pulls.map((pull) => renderPull(world.api, repo, pull)));
  });

  app.post('/repos/:owner/:repo/pulls', (c) => {
    const repo = repoOf(world, c);
    const input = readBody(c, z.object({ title: z.string().min(1), head: z.string(), base: z.string(), body: z.string().optional() }));
    const headRef = input.head.includes(':') ? input.head.slice(input.head.indexOf(':') + 1) : input.head;
    const head = repo.branches.get(headRef);
    const base = repo.branches.get(input.base);
    if (!head || !base) throw validationFailed({ resource: 'PullRequest', field: head ? 'base' : 'head', code: 'invalid' });
    const open = [...repo.issues.values()].find((issue) => issue.pull_request?.head_ref === headRef && issue.state === 'open');
    if (open) throw validationFailed({ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${repo.owner.login}:${headRef}.` });
    const pull_request: PullRequest = { head_sha: head, head_ref: headRef, base_ref: input.base, base_sha: base, draft: false, merged_at: null, files: [] };
    const issue = createIssue(world.store, repo, { title: input.title, body: input.body ?? null, user: actorOf(world, c.get('identity')), pull_request });
    return c.json(renderPull(world.api, repo, issue as Issue & { pull_request: PullRequest }), 201);
  });

  return app;
}
