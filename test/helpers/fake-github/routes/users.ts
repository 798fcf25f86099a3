import { Hono } from 'hono';
import { GitHubError, notFound } from '../github-error.ts';
import { renderProfile, renderRepo } from '../render.ts';
import { repoOf, type FakeEnv, type World } from '../world.ts';

/** `GET /user` (whose token is this), `GET /users/:login` and `GET /repos/:o/:r`. */
export function userRoutes(world: World): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>();

  app.get('/user', (c) => {
    const identity = c.get('identity');
    // An installation token is not a user; GitHub refuses rather than naming the bot.
    if (identity.kind !== 'user') throw new GitHubError(403, 'Resource not accessible by integration');
    return c.json(renderProfile(world.api, identity.user));
  });

  app.get('/users/:login', (c) => {
    const user = world.store.users.get(c.req.param('login').toLowerCase());
    if (!user) throw notFound();
    return c.json(renderProfile(world.api, user));
  });

  app.get('/repos/:owner/:repo', (c) => c.json(renderRepo(world.api, repoOf(world, c))));

  return app;
}
