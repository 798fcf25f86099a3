import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteSnapshot } from '../api/site/build-site.ts';
import type { DatabaseHandle } from '../db/index.ts';
import { launchBrowser } from './helpers/browser.ts';
import { createTestClock } from './helpers/clock.ts';
import { createTestDatabase } from './helpers/database.ts';
import { fixtureSite } from './helpers/fixture-site.ts';
import { serveBuiltSite } from './helpers/site-server.ts';

// Issue 15, layout: at any width from 360 px up no page is wider than the window — a wide table
// scrolls within its own box — and a favicon is served. The fixture site, served by the hub's own
// site server (so its styles load), read in a real browser.
let browser: Browser;
let snapshot: SiteSnapshot;
let server: Awaited<ReturnType<typeof serveBuiltSite>>;
let database: DatabaseHandle;

beforeAll(async () => {
  browser = await launchBrowser();
  const built = await fixtureSite();
  snapshot = built.snapshot;
  database = await createTestDatabase();
  server = await serveBuiltSite({ database, clock: createTestClock() }, built.dir);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  database?.close();
});

function mainPages(): string[] {
  const model = snapshot.models[0]!.id;
  const dataset = snapshot.collections.datasets.find((entry) => entry.cycles.length > 0)!.id;
  const cycle = snapshot.collections.cycles[0]!.collection.cycle;
  const decision = snapshot.decisions.proposals[0]!.id;
  const request = snapshot.requests.items[0]!;
  return ['/', '/models/', `/models/${model}/`, `/models/${model}/card/`, '/datasets/', `/datasets/${dataset}/`, '/coverage/', `/coverage/${cycle}/`, '/training/', '/decisions/', `/decisions/${decision}/`, '/requests/', `/requests/${request.type}/`, `/requests/${request.type}/${request.id}/`, '/requests/transparency/', '/organizations/', '/languages/'];
}

describe('the layout', () => {
  it.each([360, 768, 1280])('at %i px, no page is wider than the window: wide tables scroll in their own box', async (width) => {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const problems: string[] = [];
    for (const path of mainPages()) {
      const page = await context.newPage();
      const response = await page.goto(`${server.url}${path}`);
      expect(response?.status(), path).toBe(200);
      const overflow = await page.evaluate(() => {
        const { document, getComputedStyle } = globalThis as any; // in the page, untyped: the project's types are Node's
        const width = document.documentElement.clientWidth;
        // What sticks out past the right edge, outside any box that scrolls it.
        const scrolls = (element: any): boolean => {
          for (let at = element?.parentElement ?? null; at && at !== document.body; at = at.parentElement) {
            const style = getComputedStyle(at);
            if ((style.overflowX === 'auto' || style.overflowX === 'scroll') && at.getBoundingClientRect().right <= width + 1) return true;
          }
          return false;
        };
        const outside = ([...document.querySelectorAll('main *')] as any[]).filter((element) => element.getBoundingClientRect().right > width + 1 && !scrolls(element));
        return { page: document.documentElement.scrollWidth - width, outside: outside.slice(0, 3).map((element) => `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(' ')[0]}` : ''}`) };
      });
      if (overflow.page > 1) problems.push(`${path}: the page is ${overflow.page} px wider than the window (${overflow.outside.join(', ')})`);
      else if (overflow.outside.length) problems.push(`${path}: ${overflow.outside.join(', ')} past the right edge`);
      await page.close();
    }
    await context.close();
    expect(problems).toEqual([]);
  });

  it('serves the favicon every page links', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    const href = await page.locator('link[rel="shortcut icon"], link[rel="icon"]').first().getAttribute('href');
    expect(href).toBeTruthy();
    const icon = await fetch(new URL(href!, server.url));
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toContain('image/svg+xml');
    await context.close();
  });
});
