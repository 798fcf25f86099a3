import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Scalar } from '@scalar/hono-api-reference';
import { Hono } from 'hono';
import type { AppEnv } from './app-env.ts';

/** The API reference's browser bundle, served by the hub itself: nothing is fetched from a CDN. */
const SCALAR_BUNDLE = fileURLToPath(import.meta.resolve('@scalar/api-reference/browser/standalone.js'));
let bundle: Promise<string> | undefined;

/** `/api/docs`: the interactive reference of `/api/openapi.json`. */
export const apiDocs = new Hono<AppEnv>()
  .get('/scalar.js', async (c) => {
    bundle ??= readFile(SCALAR_BUNDLE, 'utf8');
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(await bundle, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
  })
  .get(
    '/',
    Scalar({
      url: '/api/openapi.json',
      cdn: '/api/docs/scalar.js',
      pageTitle: 'Agora API reference',
      // Everything that would call scalar.com (fonts, AI agent, registry, developer toolbar) is off:
      // the reference must work on a hub with no way out to the internet.
      withDefaultFonts: false,
      hideClientButton: true,
      showDeveloperTools: 'never',
      agent: { disabled: true },
      defaultOpenAllTags: true,
    }),
  );
