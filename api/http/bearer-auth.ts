import type { MiddlewareHandler } from 'hono';
import { anonymous } from '../services/context.ts';
import { AppError, isAppError } from '../services/errors.ts';
import { authenticateToken } from '../services/tokens.ts';
import type { AppEnv } from './app-env.ts';
import { clientAddress, tooMany } from './rate-limit.ts';
import type { RateLimits } from './rate-limits.ts';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves `Authorization: Bearer …` to an actor. No header means anonymous (public reads still
 * work); a header that does not hold a valid token is refused rather than silently ignored, and
 * counts against its address: after a few failures the address is refused (429) before its
 * tokens are even looked at, so guessing is slowed to a crawl.
 * Whether the actor may do something is decided by the services, not here; the only shortcut is
 * that an anonymous write to an existing route is told it needs a token before its body is judged.
 */
export function bearerAuth(isRoute: (method: string, path: string) => boolean, limits: RateLimits): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('Authorization');
    if (!header) {
      if (!READ_METHODS.has(c.req.method) && isRoute(c.req.method, c.req.path))
        throw new AppError('unauthorized', 'This action needs a bearer token (Authorization: Bearer …).');
      c.set('actor', anonymous);
      return next();
    }
    const address = clientAddress(c);
    const blocked = await limits.isExhausted('authFailures', address);
    if (blocked) return tooMany(c, blocked);
    try {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) throw new AppError('unauthorized', 'The Authorization header must be "Bearer <token>".');
      c.set('actor', await authenticateToken(c.get('services'), match[1]!));
    } catch (error) {
      if (isAppError(error) && error.code === 'unauthorized') await limits.consume('authFailures', address);
      throw error;
    }
    return next();
  };
}
