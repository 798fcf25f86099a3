import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';
import { API_SECURITY_HEADERS } from './security-headers.ts';

/** What browsers on other origins may do with the API: read it all, and write with a token. */
const PREFLIGHT = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET,HEAD,POST,PUT,PATCH,DELETE',
  'Access-Control-Allow-Headers': 'Authorization,Content-Type,If-None-Match,Last-Event-ID',
  'Access-Control-Max-Age': '600',
  'Access-Control-Expose-Headers': 'ETag',
} as const;
/** Set on every answer of `/api/v1`, the errors included. */
const EVERY_ANSWER = Object.entries({
  ...API_SECURITY_HEADERS,
  'Access-Control-Allow-Origin': PREFLIGHT['Access-Control-Allow-Origin'],
  'Access-Control-Expose-Headers': PREFLIGHT['Access-Control-Expose-Headers'],
});

/**
 * The headers of `/api/v1`, in one pass after the handler: the security headers OWASP lists for
 * REST services, CORS (the API is public and token-authenticated, no cookies, so any origin may
 * call it; a preflight is answered here, before authentication), and caching (answers can depend on
 * the token, so shared caches must not mix them up).
 *
 * Set on the response's own headers: `c.header()` after the handler, or Hono's `cors` setting them
 * on `c.res` before it, copies the whole answer into a second, streamed response.
 */
export function apiHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return new Response(null, { status: 204, headers: { ...API_SECURITY_HEADERS, ...PREFLIGHT } });
    await next();
    const headers = c.res.headers;
    for (const [name, value] of EVERY_ANSWER) headers.set(name, value);
    headers.append('Vary', 'Authorization');
    if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-cache');
  };
}
