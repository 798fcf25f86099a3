import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';

/** What browsers on other origins may do with the API: read it all, and write with a token. */
const ALLOWED = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET,HEAD,POST,PUT,PATCH,DELETE',
  'Access-Control-Allow-Headers': 'Authorization,Content-Type,If-None-Match,Last-Event-ID',
  'Access-Control-Max-Age': '600',
} as const;
const EXPOSED = 'ETag';

/**
 * CORS for `/api/v1`: the API is public and token-authenticated (no cookies), so any origin may call
 * it. A preflight is answered here, before authentication; other answers get their headers after the
 * handler. Hono's `cors` sets them on `c.res` before the handler instead, which makes every JSON
 * answer be copied into a second, streamed response: a tenth of a small request's cost.
 */
export function apiCors(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return new Response(null, { status: 204, headers: { ...ALLOWED, 'Access-Control-Expose-Headers': EXPOSED } });
    await next();
    c.res.headers.set('Access-Control-Allow-Origin', ALLOWED['Access-Control-Allow-Origin']);
    c.res.headers.set('Access-Control-Expose-Headers', EXPOSED);
  };
}
