import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';

/** Where the built site is and how its build is going, as the server knows it. */
export type SiteHost = {
  dir: string;
  state(): 'ready' | 'building' | 'failed' | 'disabled';
};

const PLACEHOLDER = (state: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Agora</title>
<meta http-equiv="refresh" content="5"><meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5">
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

/** Serves the built site for GET/HEAD, or a page saying it is on its way. */
export function serveSite(site: SiteHost): MiddlewareHandler<AppEnv> {
  // Created on first use: serveStatic complains at creation when its root does not exist yet.
  let files: MiddlewareHandler<AppEnv> | undefined;
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    if (!existsSync(join(site.dir, 'index.html'))) {
      if (c.req.path !== '/') return next();
      c.header('Retry-After', '5');
      return c.html(PLACEHOLDER(site.state()), site.state() === 'disabled' ? 404 : 503);
    }
    files ??= serveStatic<AppEnv>({ root: site.dir });
    return files(c, next);
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
