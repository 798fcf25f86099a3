import { Hono } from 'hono';
import { z } from 'zod';
import { choiceQuery, intParam, readBody } from '../read-body.ts';
import { paginate } from '../paginate.ts';
import { renderComment } from '../render.ts';
import { createComment, deleteComment, listComments, requireComment, updateComment } from '../store/comments.ts';
import { requireIssue } from '../store/issues.ts';
import type { Comment, Repo } from '../store/types.ts';
import { actorOf, repoOf, type FakeEnv, type World } from '../world.ts';

const commentBody = z.object({ body: z.string() });

/** Issue comments: per issue (`/issues/:n/comments`) and per repository (`/issues/comments`). */
export function commentRoutes(world: World): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>();
  const render = (repo: Repo, comment: Comment) => renderComment(world.api, repo, comment);

  app.get('/repos/:owner/:repo/issues/comments', (c) => {
    const repo = repoOf(world, c);
    const sort = choiceQuery(c, 'sort', ['created', 'updated'], 'created');
    // GitHub ignores `direction` without `sort`, and lists oldest first.
    const direction = c.req.query('sort') ? choiceQuery(c, 'direction', ['asc', 'desc'], 'asc') : 'asc';
    const comments = listComments(repo, { since: c.req.query('since'), sort, direction });
    return c.json(paginate(c, comments).map((comment) => render(repo, comment)));
  });

  app.get('/repos/:owner/:repo/issues/comments/:id{[0-9]+}', (c) => {
    const repo = repoOf(world, c);
    return c.json(render(repo, requireComment(repo, intParam(c, 'id'))));
  });

  app.patch('/repos/:owner/:repo/issues/comments/:id{[0-9]+}', (c) => {
    const repo = repoOf(world, c);
    const { body } = readBody(c, commentBody);
    return c.json(render(repo, updateComment(world.store, repo, intParam(c, 'id'), body)));
  });

  app.delete('/repos/:owner/:repo/issues/comments/:id{[0-9]+}', (c) => {
    deleteComment(repoOf(world, c), intParam(c, 'id'));
    return c.body(null, 204);
  });

  app.get('/repos/:owner/:repo/issues/:number{[0-9]+}/comments', (c) => {
    const repo = repoOf(world, c);
    const issueNumber = requireIssue(repo, intParam(c, 'number')).number;
    const comments = listComments(repo, { issueNumber, since: c.req.query('since') });
    return c.json(paginate(c, comments).map((comment) => render(repo, comment)));
  });

  app.post('/repos/:owner/:repo/issues/:number{[0-9]+}/comments', (c) => {
    const repo = repoOf(world, c);
    const { body } = readBody(c, commentBody);
    const comment = createComment(world.store, repo, intParam(c, 'number'), { body, user: actorOf(world, c.get('identity')) });
    return c.json(render(repo, comment), 201);
  });

  return app;
}
