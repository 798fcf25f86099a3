import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRegistrySnapshot } from '../api/services/registry-snapshot.ts';
import { buildSite } from '../api/site/build-site.ts';
import { launchBrowser } from './helpers/browser.ts';
import { hostile, scriptUrl } from './helpers/hostile-text.ts';
import { recordViolations, watchPage } from './helpers/page-watch.ts';
import { createHostileHub, HOSTILE_MODEL, HOSTILE_ORG, HOSTILE_VOTE, ODD_CHECKPOINT_URI, WITHDRAWN_VOTE } from './helpers/site-hostile-data.ts';
import { serveBuiltSite } from './helpers/site-server.ts';

// Every text the site shows, written as hostile text through the real services and API
// (site-hostile-data.ts), built by a real `astro build`, served by the real app and read in a real
// browser with JavaScript on: no page may run any of it, and each shows it as the text it is.
let hub: Awaited<ReturnType<typeof createHostileHub>>;
let tempRoot: string;
let server: Awaited<ReturnType<typeof serveBuiltSite>>;
let browser: Browser;
let context: BrowserContext;
let pages: string[];
let nominationVote: string;

beforeAll(async () => {
  browser = await launchBrowser(); // first: without chromium, fail before building anything
  hub = await createHostileHub();
  const snapshot = await buildRegistrySnapshot(hub.services);
  // A website the sync refuses today (http(s) only) but a database may still hold, written before
  // the check or by hand into a shared libSQL: the site must not make it a link.
  snapshot.organizations.find((org) => org.id === HOSTILE_ORG)!.website = scriptUrl('organisation website');
  nominationVote = snapshot.decisions.proposals.find((proposal) => proposal.title.startsWith('Include '))!.id;
  tempRoot = await mkdtemp(join(tmpdir(), 'agora-hostile-site-'));
  const outDir = join(tempRoot, 'site');
  await buildSite({ snapshot, outDir });
  pages = (await readdir(outDir, { recursive: true }))
    .filter((file) => file.endsWith('index.html'))
    .map((file) => `/${file.replace(/index\.html$/, '')}`)
    .sort();
  server = await serveBuiltSite(hub.services, outDir);
  context = await browser.newContext();
  await recordViolations(context);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  hub?.content.cleanup();
  hub?.close();
  if (tempRoot) await rm(tempRoot, { recursive: true, force: true });
});

/** Opens a page and lets its live scripts make their first poll. */
async function open(path: string): Promise<{ page: Page; watch: ReturnType<typeof watchPage> }> {
  const page = await context.newPage();
  const watch = watchPage(page);
  await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
  const live = page.locator('[data-live-status]');
  if ((await live.count()) > 0) await page.locator('[data-live-status]:not([data-state="static"])').first().waitFor({ timeout: 5000 });
  return { page, watch };
}

/** Elements and attributes the hostile text would have made, had a page written it as markup. */
function injectedMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const { document } = globalThis as any; // in the page, untyped: the project's types are Node's
    const found: string[] = [];
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.getAttributeNames())
        if (attribute.startsWith('on')) found.push(`<${element.localName} ${attribute}="${element.getAttribute(attribute)}">`);
      const href = element.getAttribute('href') ?? element.getAttribute('xlink:href');
      if (href && /^\s*javascript:/i.test(href)) found.push(`<${element.localName} href="${href}">`);
      const isExecutable = element.localName === 'script' && ['', 'module', 'text/javascript'].includes(element.getAttribute('type') ?? '');
      if (isExecutable && /alert\(/.test(element.textContent ?? '')) found.push(`<script>${element.textContent}</script>`);
      if (element.localName === 'img' && element.getAttribute('src') === 'x') found.push('<img src=x>');
    }
    return found;
  });
}

describe('hostile text in every field the site shows', () => {
  it('runs on no page of the site', async () => {
    expect(pages.length).toBeGreaterThan(20);
    const problems: string[] = [];
    const check = async (path: string) => {
      const { page, watch } = await open(path);
      const { dialogs, violations, consoleErrors, pageErrors, failedRequests } = await watch.trouble();
      for (const dialog of dialogs) problems.push(`${path}: a dialog opened: ${dialog}`);
      for (const violation of violations) problems.push(`${path}: CSP violation: ${violation}`);
      for (const error of consoleErrors) problems.push(`${path}: console error: ${error}`);
      for (const error of pageErrors) problems.push(`${path}: script error: ${error}`);
      // Every request a page makes is answered, the favicon Starlight links included.
      for (const failed of failedRequests) problems.push(`${path}: ${failed}`);
      for (const markup of await injectedMarkup(page)) problems.push(`${path}: injected ${markup}`);
      await page.close();
    };
    // A few tabs at a time: the pages are independent, and one at a time takes a minute.
    for (let i = 0; i < pages.length; i += 4) await Promise.all(pages.slice(i, i + 4).map(check));
    problems.sort();
    expect(problems).toEqual([]);
  }, 180_000);

  it.each([
    [`/decisions/${HOSTILE_VOTE}/`, 'proposal title', ['proposal title', 'proposal description', 'ballot reason', 'later ballot reason', 'csc ballot reason', 'concern title', 'concern body', 'concern resolution', 'open concern title', 'organisation name', 'policy title', 'dataset name']],
    [`/decisions/${WITHDRAWN_VOTE}/`, 'withdrawn title', ['withdrawn title', 'subject reference', 'withdraw reason']],
    ['/decisions/', 'Decisions', ['proposal title', 'withdrawn title', 'nomination name', 'dataset name', 'policy title']],
    [`/organizations/${HOSTILE_ORG}/`, 'organisation name', ['organisation name', 'organisation legal name', 'organisation role', 'controller name', 'ownership note']],
    ['/organizations/', 'Organisations', ['organisation name']],
    ['/languages/', 'Languages', ['language name']],
    [`/models/${HOSTILE_MODEL}/`, 'model name', ['model name', 'family name', 'architecture', 'event message', 'failure message', 'restart message']],
    ['/models/', 'Models', ['model name', 'family name']],
    [`/models/${HOSTILE_MODEL}/card/`, 'model name', ['model name', 'prose heading', 'prose paragraph', 'prose code', 'provider name', 'intended use', 'licence id', 'evaluation dataset', 'technical means']],
    ['/model-cards/', 'Model cards', ['model name']],
    ['/training/', 'Training status', ['model name', 'event message']],
  ])('shows %s with its stored text as text', async (path, titleField, fields) => {
    const { page } = await open(path);
    const title = await page.title();
    const heading = await page.locator('h1').first().textContent();
    if (titleField[0] === titleField[0]!.toLowerCase()) {
      expect(title.startsWith(hostile(titleField)), title).toBe(true);
      expect(heading).toContain(hostile(titleField));
    } else expect(title).toBe(`${titleField} | Agora`);
    const text = await page.evaluate(() => ((globalThis as any).document.body.textContent as string | null) ?? '');
    for (const field of fields) expect(text, field).toContain(hostile(field));
    if (path === `/models/${HOSTILE_MODEL}/`) expect(text).toContain(ODD_CHECKPOINT_URI);
    await page.close();
  });

  it('names the nomination in the title of the vote it was put to, as text', async () => {
    const { page } = await open(`/decisions/${nominationVote}/`);
    expect(await page.title()).toBe(`Include ${hostile('nomination name')} | Agora`);
    expect(await page.locator('h1').first().textContent()).toBe(`Include ${hostile('nomination name')}`);
    await page.close();
  });
});

describe("the site's Content-Security-Policy", () => {
  it('is sent with every page, and repeated as the first element of its head', async () => {
    for (const path of ['/', `/decisions/${HOSTILE_VOTE}/`, '/training/', `/models/${HOSTILE_MODEL}/card/`, '/no-such-page/']) {
      const response = await fetch(`${server.url}${path}`, { headers: { Accept: 'text/html' } });
      const header = response.headers.get('Content-Security-Policy') ?? '';
      expect(header, path).toMatch(/(^|; )default-src 'none'(;|$)/);
      expect(header, path).toMatch(/(^|; )frame-ancestors 'none'(;|$)/);
      expect(header, path).toMatch(/(^|; )connect-src 'self'(;|$)/);
      expect(header, path).toMatch(/(^|; )script-src 'self'[^;]*/);
      expect(header, path).not.toContain('unsafe-inline');
      const html = await response.text();
      const meta = /^<!DOCTYPE html><html[^>]*><head><meta charset="utf-8"\/?><meta http-equiv="content-security-policy" content="([^"]+)"/i.exec(html);
      expect(meta, `${path}: the policy is not the first thing in the head`).not.toBeNull();
      expect(meta![1]).not.toContain('unsafe-inline');
      expect(meta![1]).toMatch(/(^|; )default-src 'none'(;|$)/);
    }
  });

  it('blocks script that got onto a page anyway', async () => {
    const { page, watch } = await open(`/decisions/${HOSTILE_VOTE}/`);
    await page.evaluate(() => {
      const { document } = globalThis as any;
      const main = document.querySelector('main');
      main.insertAdjacentHTML('beforeend', '<img src="/favicon.svg" onload="alert(1)"><a id="injected" href="javascript:alert(2)">x</a>');
      const script = document.createElement('script');
      script.textContent = 'alert(3)';
      main.append(script);
    });
    await page.locator('#injected').click();
    await page.waitForTimeout(200);
    const { dialogs, violations } = await watch.trouble();
    expect(dialogs).toEqual([]);
    expect(violations.filter((violation) => violation.startsWith('script-src')).length).toBeGreaterThanOrEqual(3);
    await page.close();
  });

  it('lets the live scripts refresh the vote and the training runs from the API', async () => {
    for (const path of [`/decisions/${HOSTILE_VOTE}/`, '/training/']) {
      const { page, watch } = await open(path);
      await page.locator('[data-live-status][data-state="live"]', { hasText: /updated \d\d:\d\d:\d\d/ }).waitFor({ timeout: 5000 });
      expect((await watch.trouble()).violations, path).toEqual([]);
      await page.close();
    }
  });

  it('lets the site search find hostile text and show it as text', async () => {
    const { page, watch } = await open('/');
    await page.locator('button[data-open-modal]').first().click();
    await page.locator('dialog[open] input').fill('ownership note');
    await page.locator('dialog[open] .pagefind-ui__result').first().waitFor({ timeout: 10_000 });
    const { dialogs, violations, pageErrors } = await watch.trouble();
    expect({ dialogs, violations, pageErrors }).toEqual({ dialogs: [], violations: [], pageErrors: [] });
    expect(await injectedMarkup(page)).toEqual([]);
    await page.close();
  });
});
