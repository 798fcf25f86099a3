import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { unauthorized, verifyAppJwt, type Identity } from './credentials.ts';
import { faultError, type FaultInjector } from './faults.ts';
import { GitHubError, notFound } from './github-error.ts';
import { rateLimitHeaders, type RateBudget, type RateWindow } from './rate-budget.ts';
import { appRoutes } from './routes/app.ts';
import { checkRoutes } from './routes/checks.ts';
import { commentRoutes } from './routes/comments.ts';
import { contentRoutes } from './routes/contents.ts';
import { issueRoutes } from './routes/issues.ts';
import { labelRoutes } from './routes/labels.ts';
import { gitWriteRoutes } from './routes/git-writes.ts';
import { pullRoutes } from './routes/pulls.ts';
import { userRoutes } from './routes/users.ts';
import type { FakeEnv, World } from './world.ts';

/** One request as the fake saw it; `status` is 0 until it has been answered. */
export type RecordedCall = {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  /** Epoch ms when the request arrived (the real clock, so tests can measure back-off). */
  at: number;
  /** What the credential was: the app's JWT, an installation token, a user token, or none valid. */
  as: Identity['kind'] | null;
};

/** The endpoints that take the app's JWT (and nothing else), as @octokit/auth-app lists them. */
const APP_PATH = /^\/(?:app(?:\/|$)|(?:repos\/[^/]+\/[^/]+|orgs\/[^/]+|users\/[^/]+)\/installation$)/;
const CREDENTIAL = /^(?:token|bearer)\s+(\S+)$/i;

type Deps = { faults: FaultInjector; budget: RateBudget; calls: RecordedCall[] };

/** The fake's HTTP surface: record, parse, authenticate, spend the rate budget, inject faults, route. */
export function createFakeApp(world: World, { faults, budget, calls }: Deps): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>();
  const windows = new WeakMap<Request, RateWindow>();

  app.use(async (c, next) => {
    const url = new URL(c.req.url);
    const call: RecordedCall = { method: c.req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), body: undefined, status: 0, at: Date.now(), as: null };
    calls.push(call);
    await next(); // errors have become responses (onError) by the time this returns
    call.status = c.res.status;
    call.body = c.get('body');
    call.as = (c.get('identity') as Identity | undefined)?.kind ?? null;
    const window = windows.get(c.req.raw);
    const headers = { 'x-github-request-id': randomBytes(8).toString('hex').toUpperCase(), 'x-github-api-version-selected': '2022-11-28', ...(window ? rateLimitHeaders(window) : {}) };
    for (const [name, value] of Object.entries(headers)) if (!c.res.headers.has(name)) c.res.headers.set(name, value);
  });

  app.use(async (c, next) => {
    const text = await c.req.text();
    if (text) {
      try {
        c.set('body', JSON.parse(text));
      } catch {
        throw new GitHubError(400, 'Problems parsing JSON');
      }
    }
    await next();
  });

  app.use(async (c, next) => {
    const path = new URL(c.req.url).pathname;
    const identity = authenticate(world, c.req.header('authorization'), APP_PATH.test(path));
    c.set('identity', identity);
    const key = identity.kind === 'app' ? 'app' : identity.kind === 'user' ? `user:${identity.user.id}` : `installation:${identity.installationId}`;
    const window = budget.spend(key, 'authenticated');
    windows.set(c.req.raw, window);
    const fault = faults.take(c.req.method, path);
    if (fault) throw faultError(fault, window);
    await next();
  });

  for (const routes of [appRoutes, issueRoutes, labelRoutes, commentRoutes, checkRoutes, pullRoutes, gitWriteRoutes, contentRoutes, userRoutes]) app.route('/', routes(world));

  app.notFound((c) => c.json(notFound().toBody(), 404));
  app.onError((error, c) => {
    if (error instanceof GitHubError) return c.json(error.toBody(), error.status as ContentfulStatusCode, error.headers);
    // A bug in the fake itself: say so plainly rather than pass for a GitHub outage.
    return c.json({ message: `fake GitHub failed: ${error.stack ?? error.message}` }, 500);
  });
  return app;
}

function authenticate(world: World, header: string | undefined, isAppPath: boolean): Identity {
  if (!header) throw unauthorized('Requires authentication');
  const credential = CREDENTIAL.exec(header)?.[1];
  if (!credential) throw unauthorized();
  const isJwt = credential.split('.').length === 3;
  if (!isAppPath) {
    // A JWT speaks for the app, which may only call the app's own endpoints.
    if (isJwt) throw unauthorized();
    return world.tokens.identify(credential);
  }
  if (!isJwt) throw unauthorized('A JSON web token could not be decoded');
  verifyAppJwt(credential, world.app, world.publicKey);
  return { kind: 'app' };
}
