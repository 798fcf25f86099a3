import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './app-env.ts';

/**
 * The API answers JSON to programs, so it gets the short list OWASP recommends for REST services
 * (nothing may frame, sniff or render it); the site and the API reference are pages and get the
 * full set for documents. The site's pages get their Content-Security-Policy from serveSite
 * (site.ts): each page's own, which the build computes from the page's inline code.
 */
export const API_SECURITY_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': 'max-age=15552000; includeSubDomains',
  'Cross-Origin-Resource-Policy': 'cross-origin',
} as const;

/** Security headers for everything outside `/api/v1`, whose answers get theirs from `withApiHeaders` (api-headers.ts). */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  const forPages = secureHeaders({ crossOriginResourcePolicy: 'same-origin', crossOriginOpenerPolicy: 'same-origin' });
  return async (c, next) => {
    if (c.req.path.startsWith('/api/v1/')) return next();
    if (c.req.path !== '/api/openapi.json') return forPages(c, next);
    await next();
    for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) c.res.headers.set(name, value);
  };
}
