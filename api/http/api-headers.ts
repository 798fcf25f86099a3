import type { ServerResponse } from 'node:http';
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

/**
 * Set on every answer of `/api/v1`, errors and cached reads included: the security headers OWASP
 * lists for REST services; CORS (the API is public and token-authenticated, no cookies, so any
 * origin may read it); and caching: answers can depend on the token, so shared caches must not mix
 * them up, and an answer that says nothing of caching is revalidated. A handler's own
 * `Cache-Control` or `Vary` takes precedence.
 */
const EVERY_ANSWER = Object.entries({
  ...API_SECURITY_HEADERS,
  'Access-Control-Allow-Origin': PREFLIGHT['Access-Control-Allow-Origin'],
  'Access-Control-Expose-Headers': PREFLIGHT['Access-Control-Expose-Headers'],
  Vary: 'Authorization',
  'Cache-Control': 'no-cache',
});

/** Answers a CORS preflight of `/api/v1` before authentication asks for a token. */
export function apiPreflight(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return new Response(null, { status: 204, headers: { ...API_SECURITY_HEADERS, ...PREFLIGHT } });
    return next();
  };
}

type Fetch<Rest extends unknown[]> = (request: Request, ...rest: Rest) => Response | Promise<Response>;

/**
 * Wraps the app's `fetch` so every `/api/v1` answer gets the headers above. A write's answer under
 * @hono/node-server gets them on Node's response, which merges them with the answer's own when it
 * writes the head (the answer's win): touching a Fetch response's `headers` makes the adapter build
 * a Headers object, validate each name and value, sort and copy them (bench/README.md). Reads get them on the answer itself, since the read cache (which wraps this) keeps and
 * replays an answer's headers: a cache hit then writes one plain object of headers, the cheapest
 * head there is. Without a Node response (`app.request()`), they are set on the answer too.
 */
export function withApiHeaders<Rest extends unknown[]>(fetch: Fetch<Rest>): Fetch<Rest> {
  return (request, ...rest) => {
    if (!isApiPath(request.url)) return fetch(request, ...rest);
    const outgoing = (rest[0] as { outgoing?: ServerResponse } | undefined)?.outgoing;
    if (outgoing && request.method !== 'GET' && request.method !== 'HEAD') {
      for (const [name, value] of EVERY_ANSWER) outgoing.setHeader(name, value);
      return fetch(request, ...rest);
    }
    return Promise.resolve(fetch(request, ...rest)).then((response) => {
      for (const [name, value] of EVERY_ANSWER) if (!response.headers.has(name)) response.headers.set(name, value);
      return response;
    });
  };
}

function isApiPath(url: string): boolean {
  const path = url.indexOf('/', url.indexOf('//') + 2);
  return url.startsWith('/api/v1/', path);
}
