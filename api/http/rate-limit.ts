import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import type { Actor } from '../services/context.ts';
import type { AppEnv } from './app-env.ts';
import { respondWithProblem } from './problem.ts';
import type { RateLimited, RateLimitName, RateLimits } from './rate-limits.ts';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const REPORTS = /^\/api\/v1\/training-runs\/[^/]+\/reports\/?$/;
const FILINGS = /^\/api\/v1\/requests(\/[^/]+\/comments)?\/?$/;

/** The caller's address as the socket sees it (a proxy in front must be trusted to be the caller). */
export function clientAddress(c: Context): string {
  if (!(c.env as { incoming?: unknown } | undefined)?.incoming) return 'in-process';
  return getConnInfo(c).remote.address ?? 'unknown';
}

/** A 429 in the problem shape, with `Retry-After`. */
export function tooMany(c: Context, refusal: RateLimited): Response {
  c.header('Retry-After', String(refusal.retryAfterSeconds));
  return respondWithProblem(c, 'rate_limited', `Too many ${refusal.what}; try again in ${refusal.retryAfterSeconds} s.`, {
    limit: refusal.limit,
    retryAfterSeconds: refusal.retryAfterSeconds,
  });
}

/**
 * Limits after authentication: writes per token (training reports, filings and other writes each
 * their own budget, filings also per address), and anonymous reads per address. Only reads the
 * cache could not answer reach here (a hit is replayed before the app runs), so readers of cached
 * pages are never slowed and one address cannot make the hub compute without end.
 */
export function limitRates(limits: RateLimits): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const actor = c.get('actor');
    const checks = checksFor(c.req.method, c.req.path, actor, () => clientAddress(c));
    for (const [limit, key] of checks) {
      const refusal = await limits.consume(limit, key);
      if (refusal) return tooMany(c, refusal);
    }
    return next();
  };
}

function checksFor(method: string, path: string, actor: Actor, address: () => string): [RateLimitName, string][] {
  if (READ_METHODS.has(method)) return actor.kind === 'anonymous' ? [['computedReads', address()]] : [];
  const who = actor.kind === 'token' ? actor.tokenId : actor.kind === 'member' ? `member:${actor.memberId}` : null;
  if (!who) return [];
  if (REPORTS.test(path)) return [['reports', who]];
  if (method === 'POST' && FILINGS.test(path)) return [['filings', who], ['filingsPerAddress', address()]];
  return [['writes', who]];
}
