import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';

/** One structured log line per request, with its request id, after the response is known. */
export const accessLog: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = performance.now();
  await next();
  const actor = c.var.actor;
  c.var.logger.info('request', {
    requestId: c.var.requestId,
    method: c.req.method,
    path: c.req.path,
    status: c.res.status,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    ...(actor && actor.kind === 'token' ? { tokenId: actor.tokenId } : {}),
  });
};
