import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';

/** One structured log line per request, with its request id, after the response is known. */
export const accessLog: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = performance.now();
  await next();
  // c.get, not c.var: every read of c.var builds a fresh object of all the variables.
  const actor = c.get('actor');
  c.get('logger').info('request', {
    requestId: c.get('requestId'),
    method: c.req.method,
    path: c.req.path,
    status: c.res.status,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    ...(actor && actor.kind === 'token' ? { tokenId: actor.tokenId } : {}),
  });
};
