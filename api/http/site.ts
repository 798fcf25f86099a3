import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';
import { pagePolicyHeader } from './site-page-policy.ts';

/** Where the built site is and how its build is going, as the server knows it. */
export type SiteHost = {
  dir: string;
  state(): 'ready' | 'building' | 'failed' | 'disabled';
};

const PLACEHOLDER_STYLE = 'font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5';
/** The placeholder runs nothing and loads nothing; its one style attribute is allowed by hash. */
const PLACEHOLDER_POLICY = `default-src 'none'; style-src-attr 'unsafe-hashes' 'sha256-${createHash('sha256').update(PLACEHOLDER_STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const PLACEHOLDER = (state: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Agora</title>
<meta http-equiv="refresh" content="5"><meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body style="${PLACEHOLDER_STYLE}">
<h1>Agora</h1>
<p>${
  state === 'building'
    ? 'The documentation site is being built; this page reloads itself in a few seconds.'
    : state === 'failed'
      ? 'The documentation site could not be built; the server log says why.'
      : 'The documentation site is not built on this hub.'
}</p>
<p>The API is up: <a href="/api/docs">API reference</a> · <a href="/api/v1/organizations">organisations</a> · <a href="/api/v1/health">health</a>.</p>
</body></html>`;

/**
 * Serves the built site for GET/HEAD, or a page saying it is on its way. Every page goes out with
 * its Content-Security-Policy (site-page-policy.ts), the site's 404 page included.
 */
export function serveSite(site: SiteHost): MiddlewareHandler<AppEnv> {
  // Created on first use: serveStatic complains at creation when its root does not exist yet.
  let files: MiddlewareHandler<AppEnv> | undefined;
  const servedFile = new WeakMap<Context, string>();
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    if (!existsSync(join(site.dir, 'index.html'))) {
      if (c.req.path !== '/') return next();
      c.header('Retry-After', '5');
      c.header('Content-Security-Policy', PLACEHOLDER_POLICY);
      return c.html(PLACEHOLDER(site.state()), site.state() === 'disabled' ? 404 : 503);
    }
    files ??= serveStatic<AppEnv>({ root: site.dir, onFound: (path, found) => void servedFile.set(found, path) });
    // A file's answer; otherwise serveStatic went on to the app, whose answer for a browser is the
    // site's 404 page.
    const found = await files(c, next);
    const response = found instanceof Response ? found : c.res;
    const page = servedFile.get(c) ?? (response.status === 404 ? join(site.dir, '404.html') : null);
    if (page?.endsWith('.html') && response.headers.get('Content-Type')?.startsWith('text/html'))
      response.headers.set('Content-Security-Policy', await pagePolicyHeader(page));
    return found instanceof Response ? found : undefined;
  };
}

/** The site's own 404 page for browsers, when the site has one. */
export async function siteNotFoundPage(site: SiteHost): Promise<string | null> {
  try {
    return await readFile(join(site.dir, '404.html'), 'utf8');
  } catch {
    return null;
  }
}
