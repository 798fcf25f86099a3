import type { MiddlewareHandler } from 'hono';
import { anonymous } from '../services/context.ts';
import { AppError } from '../services/errors.ts';
import { authenticateToken } from '../services/tokens.ts';
import type { AppEnv } from './app-env.ts';

/**
 * Resolves `Authorization: Bearer …` to an actor. No header means anonymous (public reads still
 * work); a header that does not hold a valid token is refused rather than silently ignored.
 * Whether the actor may do something is decided by the services, not here.
 */
export const bearerAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('Authorization');
  if (!header) {
    c.set('actor', anonymous);
    return next();
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new AppError('unauthorized', 'The Authorization header must be "Bearer <token>".');
  c.set('actor', await authenticateToken(c.var.services, match[1]!));
  return next();
};
