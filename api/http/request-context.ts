import type { ServerResponse } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logger.ts';
import { anonymous, type ServiceContext } from '../services/context.ts';
import type { AppEnv } from './app-env.ts';

const REQUEST_ID_HEADER = 'X-Request-Id';
/** A caller's own request id is kept when it is short and plain, so logs of both sides line up. */
export const USABLE_REQUEST_ID = /^[\w\-=]{1,255}$/;

/**
 * What every request starts with: its id (the caller's, or a new one), the variables the routes
 * read, and after the answer one structured log line. One middleware rather than three, since each
 * layer of Hono's chain costs a promise and a closure on every request.
 */
export function requestContext(world: { services: ServiceContext; logger: Logger; closing: AbortSignal; publicUrl: string }): MiddlewareHandler<AppEnv> {
  const { services, logger, closing, publicUrl } = world;
  return async (c, next) => {
    const started = performance.now();
    const given = c.req.header(REQUEST_ID_HEADER);
    const requestId = given !== undefined && USABLE_REQUEST_ID.test(given) ? given : crypto.randomUUID();
    c.set('requestId', requestId);
    c.set('services', services);
    c.set('logger', logger);
    c.set('actor', anonymous);
    c.set('closing', closing);
    c.set('publicUrl', publicUrl);
    // On Node's response when there is one: touching the answer's headers costs (api-headers.ts).
    const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    outgoing?.setHeader(REQUEST_ID_HEADER, requestId);
    await next();
    if (!outgoing) c.res.headers.set(REQUEST_ID_HEADER, requestId);
    // c.get, not c.var: every read of c.var builds a fresh object of all the variables.
    const actor = c.get('actor');
    logger.info('request', {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      ...(actor.kind === 'token' ? { tokenId: actor.tokenId } : {}),
    });
  };
}
