import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MACHINES } from '../api/domain/requests/machines.ts';
import { REQUEST_TYPES } from '../api/domain/requests/vocabulary.ts';
import { syncContent } from '../api/services/content/sync-content.ts';
import { systemActor } from '../api/services/context.ts';
import { inspectionTransparency } from '../api/services/requests/read-requests.ts';
import type { SiteSnapshot } from '../api/site/build-site.ts';
import type { SiteRequest } from '../api/site/site-snapshot.ts';
import { formatUtcShort } from '../site/src/registry/format.ts';
import { REQUEST_STATE, REQUEST_TYPE } from '../site/src/registry/request-labels.ts';
import { launchBrowser } from './helpers/browser.ts';
import { fixtureSite } from './helpers/fixture-site.ts';
import { createTestClock } from './helpers/clock.ts';
import { copyContent } from './helpers/content.ts';
import { createTestDatabase } from './helpers/database.ts';
import { seedRequestData } from './helpers/site-requests.ts';

// The request pages, built by a real `astro build` from the fixture (the demo requests and two more,
// recorded through the real services by test/helpers/site-requests.ts) and read in a real browser
// with JavaScript off: the tracker, its per-type pages and the transparency page.
let snapshot: SiteSnapshot;
let outDir: string;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser(); // first: without chromium, fail before building anything
  ({ snapshot, dir: outDir } = await fixtureSite());
  context = await browser.newContext({ javaScriptEnabled: false });
});

afterAll(async () => {
  await browser?.close();
});

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  await page.setContent(await readFile(join(outDir, path, 'index.html'), 'utf8'), { waitUntil: 'domcontentloaded' });
  return page;
}

const squash = (value: string | null) => (value ?? '').replace(/\s+/g, ' ').trim();
const requests = () => snapshot.requests.items;
const DAY = 86_400_000;

/** What each fixture request must read as, in words: its type and state are unique in the fixture. */
const WORDS: Record<string, { type: string; state: string; due: string | null }> = {
  'dataset/submitted': { type: 'Dataset nomination', state: 'Submitted', due: null },
  'dataset/needs_info': { type: 'Dataset nomination', state: 'Needs information', due: '‖ waiting for the requester' },
  'dataset/declined': { type: 'Dataset nomination', state: 'Declined', due: '✓ answered in time' },
  'access/granted': { type: 'Access request', state: 'Granted', due: '✓ answered in time' },
  'access/rejected': { type: 'Access request', state: 'Rejected', due: '✓ answered in time' },
  'inspection/triaged': { type: 'Data-inspection request', state: 'Triaged', due: '⚠ overdue' },
  'inspection/clarification': { type: 'Data-inspection request', state: 'Waiting for clarification', due: '‖ waiting for the requester' },
  'inspection/approved': { type: 'Data-inspection request', state: 'Approved', due: '✗ answered late' },
  'inspection/rejected': { type: 'Data-inspection request', state: 'Rejected', due: '✓ answered in time' },
  'inspection/closed': { type: 'Data-inspection request', state: 'Closed', due: '✓ answered in time' },
};

/** A request's row as a reader without JavaScript sees it: UTC dates, age as of the snapshot. */
function expectedRow(request: SiteRequest, { withTypeAndState }: { withTypeAndState: boolean }): string {
  const words = WORDS[`${request.type}/${request.state}`]!;
  const days = Math.floor((Date.parse(snapshot.generatedAt) - Date.parse(request.filedAt)) / DAY);
  return [
    // The demo badge sits right after the id, as the word "demo".
    request.isDemo ? `${request.id}demo` : request.id,
    ...(withTypeAndState ? [words.type, words.state] : []),
    formatUtcShort(request.filedAt),
    days === 1 ? '1 day' : `${days} days`,
    request.dueAt ? formatUtcShort(request.dueAt) : 'clock stopped',
    words.due,
    request.answeredAt ? formatUtcShort(request.answeredAt) : '—',
  ]
    .filter((part) => part !== null)
    .join(' ');
}

describe('the words for requests', () => {
  it('name every state of every machine, in the machine’s order', () => {
    for (const type of REQUEST_TYPES) expect(Object.keys(REQUEST_STATE[type]), type).toEqual([...MACHINES[type].states]);
  });
});

describe('the fixture', () => {
  // No model-card correction yet: the fixture's requests are the demo seed's and site-requests.ts's,
  // recorded before corrections existed, so /requests/card_correction/ shows a type nobody filed.
  it('has requests of every type but model-card corrections in several states, one overdue and two waiting for the requester', () => {
    expect(requests().map((request) => `${request.type}/${request.state}`).sort()).toEqual(Object.keys(WORDS).sort());
    expect(requests().filter((request) => request.overdue).map((request) => request.state)).toEqual(['triaged']);
    expect(requests().filter((request) => request.paused).map((request) => request.state).sort()).toEqual(['clarification', 'needs_info']);
  });

  it('has the transparency figures of its requests, recorded again through the services', async () => {
    const content = copyContent();
    const services = { database: await createTestDatabase(), clock: createTestClock() };
    try {
      await syncContent(services, { actor: systemActor('test'), input: { contentDir: content.dir } });
      await seedRequestData(services, snapshot.generatedAt);
      const { generatedAt: _at, includesDemo, ...figures } = await inspectionTransparency(services);
      expect(includesDemo).toBe(false);
      expect(snapshot.requests.transparency).toEqual(figures);
    } finally {
      services.database.close();
      content.cleanup();
    }
  });
});

describe('the request tracker', () => {
  it('is in the sidebar under Governance, beside Decisions and Transparency', async () => {
    const page = await open('requests');
    expect(await page.locator('#starlight__sidebar a[aria-current="page"]').textContent()).toContain('Requests');
    const governance = page.locator('#starlight__sidebar details', { hasText: 'Governance' });
    expect(squash(await governance.locator('a').allInnerTexts().then((texts) => texts.join(' | ')))).toBe('Decisions | Requests | Transparency');
    expect(await governance.locator('a', { hasText: 'Transparency' }).getAttribute('href')).toBe('/requests/transparency/');
  });

  it('lists every request, newest first, with its type, state, dates, age and deadline in words — and nothing else', async () => {
    const page = await open('requests');
    const rows = page.locator('table[data-requests] tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-request')))).toEqual(requests().map((request) => request.id));
    for (const request of requests()) {
      const row = page.locator(`tr[data-request="${request.id}"]`);
      expect(squash(await row.innerText()), `${request.type}/${request.state}`).toBe(expectedRow(request, { withTypeAndState: true }));
      // Its attributes carry the same public facts, for the client filter (and Astro's style scope),
      // and an anchor a decision about the request links to.
      expect(await row.evaluate((tr) => tr.getAttributeNames().sort())).toEqual(['class', 'data-due-tone', 'data-request', 'data-state', 'data-type', 'id']);
      expect(await row.getAttribute('id')).toBe(`request-${request.id}`);
      // Its id leads to the request's own page, not to raw API JSON.
      expect(await row.locator('a').first().getAttribute('href')).toBe(`/requests/${request.type}/${request.id}/`);
      const times = await row.locator('time').evaluateAll((elements) => elements.map((time) => time.getAttribute('datetime')));
      expect(times).toEqual([request.filedAt, request.dueAt, request.answeredAt].filter((instant) => instant !== null));
      expect(await row.locator('[data-age]').getAttribute('data-filed')).toBe(request.filedAt);
    }
  });

  it('counts the requests of each type by state, each count leading to its section of the type’s page', async () => {
    const page = await open('requests');
    const lines = await page.locator('[data-by-state] li').allInnerTexts();
    expect(lines.map(squash)).toEqual([
      'Dataset nominations (3): 1 submitted, 1 needs information, 1 declined',
      'Access requests (2): 1 granted, 1 rejected',
      'Data-inspection requests (5): 1 triaged, 1 waiting for clarification, 1 approved, 1 rejected, 1 closed',
      'Model-card corrections (0)',
    ]);
    expect(await page.locator('[data-by-state] a', { hasText: '1 needs information' }).getAttribute('href')).toBe('/requests/dataset/#state-needs-info');
    // The total is the consortium's own requests; the demo ones are listed (and counted by state) but not in it.
    expect(squash(await page.locator('[data-summary]').innerText())).toContain('2 requests, all answered. Not counted: 8 demo requests (marked demo), simulated by agora demo.');
  });

  it('explains the processes and deadlines, says how to file, and links the export as a plain download', async () => {
    const page = await open('requests');
    const processes = squash(await page.locator('[data-processes]').innerText());
    expect(processes).toContain('Answer due: 30 days from filing.');
    expect(processes).toContain('14 days for downstream providers; 30 days otherwise.');
    expect(await page.locator('main a[href="/handbook/requests/"]').count()).toBeGreaterThan(0);
    const filing = squash(await page.locator('h2#filing + p').innerText());
    expect(filing).toContain('through the API (POST /api/v1/requests, described in the API reference) or through the consortium\'s secretariat');
    expect(await page.locator('h2#filing + p a[href="/api/docs"]').getAttribute('data-astro-reload')).not.toBeNull();
    const csv = page.locator('a[data-export]');
    expect(await csv.getAttribute('href')).toBe('/api/v1/requests/export');
    expect(await csv.getAttribute('data-astro-reload')).not.toBeNull();
    expect(await csv.getAttribute('data-astro-prefetch')).toBe('false');
  });

  it('keeps its client filter hidden without JavaScript, so every request stays in view', async () => {
    const page = await open('requests');
    expect(await page.locator('agora-request-filter').isVisible()).toBe(false);
    expect(await page.locator('table[data-requests] tbody tr:visible').count()).toBe(requests().length);
  });
});

describe('the request tracker with JavaScript', () => {
  it('brings ages to the reader’s clock, shows local times, and filters by type, state or deadline', async () => {
    // The built site served from its folder under a made-up origin, in a browser whose clock is set.
    const live = await browser.newContext({ timezoneId: 'Europe/Helsinki', locale: 'en-GB' });
    try {
      await live.route('http://agora.test/**', async (route) => {
        const path = new URL(route.request().url()).pathname;
        const file = join(outDir, path.endsWith('/') ? `${path}index.html` : path);
        await route.fulfill({ body: await readFile(file).catch(() => ''), contentType: path.endsWith('.js') ? 'text/javascript' : path.endsWith('.css') ? 'text/css' : 'text/html' });
      });
      const page = await live.newPage();
      await page.clock.setFixedTime(new Date(Date.parse(snapshot.generatedAt) + 10 * DAY));
      await page.goto('http://agora.test/requests/');
      const overdue = requests().find((request) => request.overdue)!;
      const row = page.locator(`tr[data-request="${overdue.id}"]`);
      const days = Math.floor((Date.parse(snapshot.generatedAt) + 10 * DAY - Date.parse(overdue.filedAt)) / DAY);
      await expect.poll(() => row.locator('[data-age]').textContent()).toBe(`${days} days`);
      expect(await row.locator('[data-field="due"] time').textContent()).toMatch(/EET|GMT\+2/);

      const filter = page.locator('agora-request-filter');
      expect(await filter.isVisible()).toBe(true);
      const visible = () => page.locator('table[data-requests] tbody tr:visible').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-request')));
      await filter.locator('select').selectOption('tone:overdue');
      expect(await visible()).toEqual([overdue.id]);
      expect(await filter.locator('output').textContent()).toBe(`1 of ${requests().length} shown`);
      await filter.locator('select').selectOption('state:dataset:needs_info');
      expect(await visible()).toEqual(requests().filter((request) => request.state === 'needs_info').map((request) => request.id));
      await filter.locator('select').selectOption('type:access');
      expect(await visible()).toEqual(requests().filter((request) => request.type === 'access').map((request) => request.id));
      await filter.locator('select').selectOption('');
      expect(await visible()).toHaveLength(requests().length);
    } finally {
      await live.close();
    }
  });
});

describe('a type’s page', () => {
  it.each(REQUEST_TYPES.filter((type) => type !== 'card_correction'))('groups the %s requests by state, in the machine’s order', async (type) => {
    const page = await open(`requests/${type}`);
    const ofType = requests().filter((request) => request.type === type);
    const counts = await page.locator('[data-state-counts] li').evaluateAll((items) => items.map((li) => [li.getAttribute('data-state'), li.textContent!.trim().split(': ').at(-1)]));
    expect(counts).toEqual(MACHINES[type].states.map((state) => [state, String(ofType.filter((request) => request.state === state).length)]));
    const sections = await page.locator('[data-state-section]').evaluateAll((elements) => elements.map((section) => section.getAttribute('data-state-section')));
    expect(sections).toEqual(MACHINES[type].states.filter((state) => ofType.some((request) => request.state === state)));
    for (const request of ofType) {
      const row = page.locator(`[data-state-section="${request.state}"] tr[data-request="${request.id}"]`);
      expect(squash(await row.innerText())).toBe(expectedRow(request, { withTypeAndState: false }));
    }
    expect(await page.locator(`a[data-export][href="/api/v1/requests/export?type=${type}"]`).count()).toBe(1);
  });

  it('says so when nobody filed a request of its type, and still explains the process', async () => {
    expect(requests().filter((request) => request.type === 'card_correction')).toEqual([]);
    const page = await open('requests/card_correction');
    expect(await page.locator('h1').innerText()).toBe('Model-card corrections');
    expect(squash(await page.locator('[data-no-requests]').innerText())).toBe('No model-card correction has been filed yet.');
    expect(await page.locator('[data-state-counts], [data-state-section]').count()).toBe(0);
    expect(squash(await page.locator('[data-processes]').innerText())).toBe(
      'Process Submitted → Needs information (as often as needed) → Under review → Accepted (→ Fixed, by a pull request) or Declined; the requester may withdraw until accepted. Answer due: 30 days from filing.',
    );
  });
});

describe('the transparency page', () => {
  it('shows the inspection figures of the snapshot, which agree with the tracker and leave the demo requests out', async () => {
    const page = await open('requests/transparency');
    expect(await page.locator('#starlight__sidebar a[aria-current="page"]').textContent()).toContain('Transparency');
    const figure = async (name: string) => squash(await page.locator(`[data-figures] [data-figure="${name}"]`).innerText());
    const { transparency } = snapshot.requests;
    const inspections = requests().filter((request) => request.type === 'inspection');
    const real = inspections.filter((request) => !request.isDemo);
    expect(transparency).toMatchObject({ received: real.length, open: real.filter((r) => !r.answeredAt).length, overdue: real.filter((r) => r.overdue).length });
    expect(transparency.demoExcluded).toBe(inspections.length - real.length);
    // The fixture's two requests of its own (the AI Office's, answered late; a researcher's) — not the demo's three.
    expect(await figure('received')).toBe('2');
    expect(await figure('answered')).toBe('2');
    expect(await figure('answered-on-time')).toBe('1 of 2 (50%)');
    expect(await figure('open')).toBe('0');
    expect(await figure('overdue')).toBe('none');
    expect(await figure('median')).toBe('8.5 days from filing to answer, waiting for the requester included');
    expect([transparency.received, transparency.answered, transparency.answeredOnTime, transparency.medianResponseDays]).toEqual([2, 2, 1, 8.5]);
    expect(squash(await page.locator('[data-demo-left-out]').innerText())).toBe(
      'Not counted in these figures: 3 demo data-inspection requests (marked demo in the list of requests), simulated by agora demo.',
    );
    expect(squash(await page.locator('[data-api-figures]').innerText())).toContain('/api/v1/requests/transparency?includeDemo=true');
    expect(squash(await page.locator('.data-as-of').innerText())).toContain('Data as of 25 November 2026');
  });

  it('has a row for every kind of requester, in words, with its deadline', async () => {
    const page = await open('requests/transparency');
    const rows = await page.locator('table[data-by-requester-kind] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-requester-kind'), [...tr.children].map((cell) => (cell as unknown as { innerText: string }).innerText.trim())]),
    );
    expect(rows).toEqual([
      ['ai_office', ['AI Office', 'as the authority states', '1', '1', '0 of 1 (0%)', '12 days']],
      // Only demo requests came from these three: they show zeros, as kinds nobody asked from do.
      ['national_authority', ['National authority', 'as the authority states', '0', '0', '—', '—']],
      ['downstream_provider', ['Downstream provider', '14 days', '0', '0', '—', '—']],
      ['rightsholder', ['Rightsholder', '30 days (default)', '0', '0', '—', '—']],
      ['researcher', ['Researcher', '30 days (default)', '1', '1', '1 of 1 (100%)', '5 days']],
    ]);
    for (const row of snapshot.requests.transparency.byRequesterKind) {
      const cells = rows.find(([kind]) => kind === row.requesterKind)![1] as string[];
      expect(cells.slice(2, 4)).toEqual([String(row.received), String(row.answered)]);
    }
    expect(await page.locator('table[data-by-requester-kind] caption').textContent()).toContain('by kind of requester');
  });

  it('states the deadlines from the synced settings', async () => {
    const page = await open('requests/transparency');
    const deadlines = (await page.locator('[data-deadlines] li').allInnerTexts()).map(squash);
    expect(deadlines).toEqual([
      'from the AI Office or a national authority: the period the authority states in its request;',
      'from a downstream provider: 14 days, as the consortium\'s funding terms promise;',
      'from anyone else (rightsholders, researchers): 30 days.',
    ]);
    expect(snapshot.requests.deadlines).toMatchObject({ inspection: 30, downstream_provider: 14 });
  });
});

describe('a page per request', () => {
  it('shows what anyone may see of each request — type, state, dates, its timeline and the votes about it — and links back to the API', async () => {
    for (const request of requests()) {
      const page = await open(`requests/${request.type}/${request.id}`);
      const facts = squash(await page.locator(`[data-request-facts="${request.id}"]`).innerText());
      expect(facts).toContain(REQUEST_TYPE[request.type].label);
      expect(await page.locator('[data-request-facts] a').last().getAttribute('href')).toBe(`/api/v1/requests/${request.id}`);
      const steps = await page.locator('[data-timeline] li').count();
      expect(steps).toBe(1 + request.timeline.length);
      expect(await page.locator(`[data-decisions-about="request:${request.id}"]`).count()).toBe(1);
      await page.close();
    }
    // A request that moved through its states shows each move, in order.
    const moved = requests().find((request) => request.timeline.length >= 2)!;
    const page = await open(`requests/${moved.type}/${moved.id}`);
    expect(await page.locator('[data-timeline] li[data-transition]').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-transition')))).toEqual(moved.timeline.map((entry) => entry.transition));
  });
});
