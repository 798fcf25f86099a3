import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../api/services/context.ts';
import { registerModel } from '../api/services/models.ts';
import { createRun } from '../api/services/training-runs.ts';
import type { SiteSnapshot } from '../api/site/build-site.ts';
import type { DatabaseHandle } from '../db/index.ts';
import { launchBrowser } from './helpers/browser.ts';
import { cachedSite, readFixtureSnapshot } from './helpers/fixture-site.ts';
import { createTestClock } from './helpers/clock.ts';
import { createTestDatabase } from './helpers/database.ts';
import { serveBuiltSite } from './helpers/site-server.ts';

// Demo data (`agora demo`) is shown and marked, never counted. The fixture with two flags turned, so
// that an item and what it belongs to disagree: run demo-lumi-v0-1 is real though its model (v0.1) is
// demo, and model v0.2 is real though its run demo-leonardo-v0-2 is demo. Built by a real `astro
// build` and read in a real browser: a "demo" badge follows the item's own flag, and the totals of
// the index pages count real items only and say how many demo ones they left out.
let snapshot: SiteSnapshot;
let outDir: string;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser(); // first: without chromium, fail before building anything
  snapshot = structuredClone(await readFixtureSnapshot());
  snapshot.trainingRuns.find((run) => run.id === 'demo-lumi-v0-1')!.isDemo = false;
  snapshot.models.find((model) => model.id === 'agora-demo-1b-v0-2')!.isDemo = false;
  ({ dir: outDir } = await cachedSite(snapshot));
  context = await browser.newContext({ javaScriptEnabled: false });
});

afterAll(async () => {
  await browser?.close();
});

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(5000); // a missing element fails the test rather than its timeout
  await page.setContent(await readFile(join(outDir, path, 'index.html'), 'utf8'), { waitUntil: 'domcontentloaded' });
  return page;
}

const squash = (value: string) => value.replace(/\s+/g, ' ').trim();
const badges = (page: Page, selector: string) => page.locator(`${selector} [data-demo]`).count();

describe('the variant of the fixture', () => {
  it('has a real run of a demo model and a demo run of a real model', () => {
    const model = (id: string) => snapshot.models.find((candidate) => candidate.id === id)!;
    const lumi = snapshot.trainingRuns.find((run) => run.id === 'demo-lumi-v0-1')!;
    const leonardo = snapshot.trainingRuns.find((run) => run.id === 'demo-leonardo-v0-2')!;
    expect([lumi.isDemo, model(lumi.modelId).isDemo]).toEqual([false, true]);
    expect([leonardo.isDemo, model(leonardo.modelId).isDemo]).toEqual([true, false]);
  });
});

describe('a "demo" badge', () => {
  it('on the training page marks a run by its own flag, not its model’s', async () => {
    const page = await open('training');
    expect(await badges(page, 'tr[data-run="demo-lumi-v0-1"]')).toBe(0);
    expect(await badges(page, 'section[data-events="demo-lumi-v0-1"] h3')).toBe(0);
    expect(await badges(page, 'tr[data-run="demo-leonardo-v0-2"]')).toBe(1);
    expect(await badges(page, 'section[data-events="demo-leonardo-v0-2"] h3')).toBe(1);
  });

  it('on a model page marks the model and each of its runs by their own flags', async () => {
    const demoModel = await open('models/agora-demo-1b-v0-1');
    expect(await demoModel.locator('[data-demo-notice]').count()).toBe(1);
    expect(await badges(demoModel, '.status-line')).toBe(1);
    expect(await badges(demoModel, 'section[data-run="demo-lumi-v0-1"]')).toBe(0);

    const realModel = await open('models/agora-demo-1b-v0-2');
    expect(await realModel.locator('[data-demo-notice]').count()).toBe(0);
    expect(await badges(realModel, '.status-line')).toBe(0);
    expect(await badges(realModel, 'section[data-run="demo-leonardo-v0-2"]')).toBe(1);
  });

  it('on the models index marks each version by its flag, and a family only when all of it is demo', async () => {
    const page = await open('models');
    expect(await badges(page, 'tr[data-model="agora-demo-1b-v0-1"]')).toBe(1);
    expect(await badges(page, 'tr[data-model="agora-demo-1b-v0-2"]')).toBe(0);
    // agora-demo now holds a real version beside the demo one: the family is not demo data.
    expect(await badges(page, 'section[data-family="agora-demo"] h2')).toBe(0);
    expect(await badges(page, 'section[data-family="openeurollm-baby"] h2')).toBe(0);
  });
});

describe('the totals of the index pages', () => {
  it('training: real runs only, the demo ones said apart', async () => {
    const page = await open('training');
    expect(squash(await page.locator('[data-summary]').innerText())).toMatch(
      /^1 training run: 1 completed\. Not counted: 1 demo run \(marked demo\), simulated by agora demo\. Jobs on the EuroHPC/,
    );
  });

  it('models: real versions and families only, and the cards among them', async () => {
    const page = await open('models');
    const summary = squash(await page.locator('[data-summary]').innerText());
    expect(summary).toMatch(/^2 model versions in 2 families\. Not counted: 1 demo version \(marked demo\), simulated by agora demo\. A checkpoint/);
    expect(summary).toContain('1 of the 2 versions has a model card (marked card)');
  });

  it('decisions: real votes only', async () => {
    const page = await open('decisions');
    expect(squash(await page.locator('[data-summary]').innerText())).toMatch(/^2 open and 5 closed votes\. Not counted: 1 demo vote \(marked demo\), simulated by agora demo\. Each kind/);
  });
});

describe('the training page with JavaScript', () => {
  let database: DatabaseHandle | undefined;
  let server: Awaited<ReturnType<typeof serveBuiltSite>> | undefined;
  afterAll(async () => {
    await server?.close();
    database?.close();
  });

  it('marks a run added after the build by its own flag too, and leaves its model unmarked', async () => {
    // A hub whose API knows two runs the build did not: a demo run of a real model, a real run of a demo model.
    database = await createTestDatabase();
    const services = { database, clock: createTestClock() };
    const actor = systemActor('test');
    const model = { version: '1', status: 'training' as const, languages: ['mlt'] };
    await registerModel(services, { actor, input: { ...model, id: 'live-real-model', family: { id: 'live', name: 'Live' }, name: 'Live real model' } });
    await registerModel(services, { actor, input: { ...model, id: 'live-demo-model', family: { id: 'live-demo', name: 'Live demo' }, name: 'Live demo model', isDemo: true } });
    await createRun(services, { actor, input: { id: 'live-demo-run', modelId: 'live-real-model', hpcSystem: 'LUMI', totalSteps: 10, isDemo: true } });
    await createRun(services, { actor, input: { id: 'live-real-run', modelId: 'live-demo-model', hpcSystem: 'LUMI', totalSteps: 10 } });
    server = await serveBuiltSite(services, outDir);

    const live = await browser.newContext();
    const page = await live.newPage();
    await page.goto(`${server.url}/training/?refresh=1`);
    const demoRun = page.locator('tr[data-run="live-demo-run"]');
    const realRun = page.locator('tr[data-run="live-real-run"]');
    await demoRun.waitFor({ timeout: 5000 });
    await realRun.waitFor({ timeout: 5000 });
    expect(await demoRun.locator('[data-field="model"]').textContent()).toBe('live-real-model');
    expect(await demoRun.locator('[data-demo]:visible').count()).toBe(1);
    expect(await realRun.locator('[data-field="model"]').textContent()).toBe('live-demo-model');
    expect(await realRun.locator('[data-demo]').count()).toBe(0);
    await live.close();
  });
});
