import { Hono } from 'hono';
import { z } from 'zod';
import { intParam, readBody } from '../read-body.ts';
import { paginate } from '../paginate.ts';
import { renderLabel } from '../render.ts';
import { requireIssue } from '../store/issues.ts';
import {
  addIssueLabels,
  createLabel,
  deleteLabel,
  labelsOf,
  removeIssueLabel,
  requireLabel,
  setIssueLabels,
  updateLabel,
} from '../store/labels.ts';
import type { Issue, Repo } from '../store/types.ts';
import { repoOf, type FakeEnv, type World } from '../world.ts';
import { labelNames } from './issues.ts';

const labelBody = z.object({ name: z.string().min(1), color: z.string().optional(), description: z.string().nullable().optional() });
const labelPatch = z.object({ new_name: z.string().min(1).optional(), color: z.string().optional(), description: z.string().nullable().optional() });
/** `POST`/`PUT .../labels` take `{ labels: [...] }` or, as GitHub also allows, the bare array. */
const issueLabelsBody = z.union([z.object({ labels: labelNames }), labelNames.transform((labels) => ({ labels }))]);

/** Repository labels (`/repos/:o/:r/labels`) and an issue's labels (`/issues/:n/labels`). */
export function labelRoutes(world: World): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>();
  const one = (repo: Repo, label: Parameters<typeof renderLabel>[2]) => renderLabel(world.api, repo, label);
  const ofIssue = (repo: Repo, issue: Issue) => labelsOf(repo, issue).map((label) => one(repo, label));

  app.get('/repos/:owner/:repo/labels', (c) => {
    const repo = repoOf(world, c);
    return c.json(paginate(c, repo.labels).map((label) => one(repo, label)));
  });

  app.post('/repos/:owner/:repo/labels', (c) => {
    const repo = repoOf(world, c);
    return c.json(one(repo, createLabel(world.store, repo, readBody(c, labelBody))), 201);
  });

  app.get('/repos/:owner/:repo/labels/:name', (c) => {
    const repo = repoOf(world, c);
    return c.json(one(repo, requireLabel(repo, c.req.param('name'))));
  });

  app.patch('/repos/:owner/:repo/labels/:name', (c) => {
    const repo = repoOf(world, c);
    return c.json(one(repo, updateLabel(repo, c.req.param('name'), readBody(c, labelPatch))));
  });

  app.delete('/repos/:owner/:repo/labels/:name', (c) => {
    deleteLabel(repoOf(world, c), c.req.param('name'));
    return c.body(null, 204);
  });

  app.get('/repos/:owner/:repo/issues/:number{[0-9]+}/labels', (c) => {
    const repo = repoOf(world, c);
    const issue = requireIssue(repo, intParam(c, 'number'));
    return c.json(paginate(c, ofIssue(repo, issue)));
  });

  app.post('/repos/:owner/:repo/issues/:number{[0-9]+}/labels', (c) => {
    const repo = repoOf(world, c);
    const issue = requireIssue(repo, intParam(c, 'number'));
    addIssueLabels(world.store, repo, issue, readBody(c, issueLabelsBody).labels);
    return c.json(ofIssue(repo, issue));
  });

  app.put('/repos/:owner/:repo/issues/:number{[0-9]+}/labels', (c) => {
    const repo = repoOf(world, c);
    const issue = requireIssue(repo, intParam(c, 'number'));
    setIssueLabels(world.store, repo, issue, readBody(c, issueLabelsBody).labels);
    return c.json(ofIssue(repo, issue));
  });

  app.delete('/repos/:owner/:repo/issues/:number{[0-9]+}/labels', (c) => {
    const repo = repoOf(world, c);
    setIssueLabels(world.store, repo, requireIssue(repo, intParam(c, 'number')), []);
    return c.body(null, 204);
  });

  app.delete('/repos/:owner/:repo/issues/:number{[0-9]+}/labels/:name', (c) => {
    const repo = repoOf(world, c);
    const issue = requireIssue(repo, intParam(c, 'number'));
    removeIssueLabel(world.store, repo, issue, c.req.param('name'));
    return c.json(ofIssue(repo, issue));
  });

  return app;
}
