import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRegistrySnapshot } from '../api/services/registry-snapshot.ts';
import { buildSite } from '../api/site/build-site.ts';
import { launchBrowser } from './helpers/browser.ts';
import { hostile } from './helpers/hostile-text.ts';
import { recordViolations, watchPage } from './helpers/page-watch.ts';
import { createHostileHub, HOSTILE_MODEL, HOSTILE_ORG, HOSTILE_VOTE, WITHDRAWN_VOTE } from './helpers/site-hostile-data.ts';
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
  hub = await createHostileHub();
  const snapshot = await buildRegistrySnapshot(hub.services);
  nominationVote = snapshot.decisions.proposals.find((proposal) => proposal.title.startsWith('Include '))!.id;
  tempRoot = await mkdtemp(join(tmpdir(), 'agora-hostile-site-'));
  const outDir = join(tempRoot, 'site');
  await buildSite({ snapshot, outDir });
  pages = (await readdir(outDir, { recursive: true }))
    .filter((file) => file.endsWith('index.html'))
    .map((file) => `/${file.replace(/index\.html$/, '')}`)
    .sort();
  server = await serveBuiltSite(hub.services, outDir);
  browser = await launchBrowser();
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

/** Starlight links a favicon the site does not have yet (left for a later issue). */
const MISSING_FAVICON = '404 /favicon.svg';

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
      for (const failed of failedRequests.filter((request) => request !== MISSING_FAVICON)) problems.push(`${path}: ${failed}`);
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
    [`/models/${HOSTILE_MODEL}/`, 'model name', ['model name', 'family name', 'architecture', 'event message', 'failure message', 'restart message', 'checkpoint uri text']],
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
    await page.close();
  });

  it('names the nomination in the title of the vote it was put to, as text', async () => {
    const { page } = await open(`/decisions/${nominationVote}/`);
    expect(await page.title()).toBe(`Include ${hostile('nomination name')} | Agora`);
    expect(await page.locator('h1').first().textContent()).toBe(`Include ${hostile('nomination name')}`);
    await page.close();
  });
});
