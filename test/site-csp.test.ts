import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findInlineCode } from '../site/src/csp/inline-code.ts';
import { hashOf, policyFor } from '../site/src/csp/page-policy.ts';
import { createApp } from '../api/app.ts';
import { launchBrowser } from './helpers/browser.ts';
import { createTestDatabase } from './helpers/database.ts';
import { recordViolations, watchPage } from './helpers/page-watch.ts';
import { serveBuiltSite } from './helpers/site-server.ts';
import type { DatabaseHandle } from '../db/index.ts';

// The pieces of the site's Content-Security-Policy; site-hostile-text.test.ts checks it on every
// page of a real build.

describe('findInlineCode', () => {
  const page = [
    '<!DOCTYPE html><html><head><meta charset="utf-8"/><title>a &lt;script&gt; in the title</title>',
    '<script>one()</script><script type="module">two()</script><script src="/x.js"></script>',
    '<script type="application/json">{"no": "code"}</script><style>p{color:red}</style></head>',
    '<body><p style="color: &quot;blue&quot;">x</p><template><span style="--a: 1"></span><script>three()</script></template>',
    '<svg><style>rect{fill:red}</style></svg><!-- <script>four()</script> --></body></html>',
  ].join('');

  it('finds what the browser runs and applies, as the browser reads it', () => {
    const code = findInlineCode(page);
    expect(code.scripts).toEqual(['one()', 'two()', 'three()']);
    expect(code.styles).toEqual(['p{color:red}', 'rect{fill:red}']);
    expect(code.styleAttributes).toEqual(['color: "blue"', '--a: 1']);
    expect(page.slice(0, code.policyOffset)).toBe('<!DOCTYPE html><html><head><meta charset="utf-8"/>');
  });

  it('puts the policy right after <head> when there is no <meta charset>', () => {
    const html = '<html><head><title>x</title></head><body></body></html>';
    expect(html.slice(0, findInlineCode(html).policyOffset)).toBe('<html><head>');
  });
});

describe('policyFor', () => {
  it('allows inline code by hash only, and style attributes only by their own hashes', () => {
    const policy = policyFor({ scripts: ['one()'], styles: ['p{}'], styleAttributes: ['--a: 1', '--a: 1'] });
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('eval');
    expect(policy).toContain(`script-src 'self' ${hashOf('one()')}`);
    expect(policy).toContain(`style-src 'self' ${hashOf('p{}')}`);
    expect(policy).toContain(`style-src-attr 'unsafe-hashes' ${hashOf('--a: 1')};`.slice(0, -1));
    expect(policy.split('; ')[0]).toBe("default-src 'none'");
    expect(policyFor({ scripts: [], styles: [], styleAttributes: [] })).toContain("style-src-attr 'none'");
  });

  it('hashes as browsers do: SHA-256 of the UTF-8 text, base64', () => {
    // The hash Chromium reports for an inline <script>alert(1)</script>.
    expect(hashOf('alert(1)')).toBe("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='");
  });
});

describe('the hub serving pages', () => {
  let database: DatabaseHandle;
  let dir: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'agora-site-csp-'));
  });
  afterAll(async () => {
    database?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('sends a page built without a policy one that runs no inline code (fail closed)', async () => {
    await writeFile(join(dir, 'index.html'), '<!DOCTYPE html><html><head><meta charset="utf-8"><title>old</title></head><body></body></html>');
    const app = createApp({ services: { database, clock: () => new Date() }, site: { dir, state: () => 'ready' } });
    const header = (await app.request('/')).headers.get('Content-Security-Policy') ?? '';
    expect(header).toMatch(/(^|; )script-src 'self'(;|$)/);
    expect(header).toMatch(/(^|; )frame-ancestors 'none'(;|$)/);
    expect(header).toMatch(/(^|; )default-src 'none'(;|$)/);
  });

  it('sends the placeholder a policy under which it shows as designed, and runs nothing', async () => {
    const services = { database, clock: () => new Date() };
    const server = await serveBuiltSite(services, join(dir, 'not-built-yet'));
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext();
      await recordViolations(context);
      const page = await context.newPage();
      const watch = watchPage(page);
      const response = await page.goto(`${server.url}/`);
      expect(response?.status()).toBe(503);
      expect(response?.headers()['content-security-policy']).toMatch(/^default-src 'none'; /);
      expect(await page.locator('body').evaluate((body) => (globalThis as any).getComputedStyle(body).maxWidth)).toBe('640px');
      expect((await watch.trouble()).violations).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
