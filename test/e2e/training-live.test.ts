import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../../db/index.ts';
import { runCli } from '../../api/cli.ts';
import { systemActor } from '../../api/services/context.ts';
import { registerModel } from '../../api/services/models.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server.ts';

/**
 * The training page of a real hub in a real browser: a run reported through the API is on the
 * built page, and a report sent afterwards shows up on the open page without a reload.
 */
const dir = mkdtempSync(join(tmpdir(), 'agora-e2e-training-'));
const env = { DATABASE_URL: `file:${join(dir, 'agora.db')}`, SITE_OUT_DIR: join(dir, 'site'), AGORA_DEMO: 'false' };
const STEP_TOKENS = 1_000_000;
let server: ServerProcess | undefined;
let browser: Browser;
let context: BrowserContext;
let reporter: string;

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const digest = (step: number) => `sha256:${step.toString(16).padStart(64, '0')}`;

async function api(path: string, body: unknown): Promise<Response> {
  const response = await fetch(`${server!.url}/api/v1${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${reporter}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  return response;
}

const report = (step: number, at: string, extra: Record<string, unknown> = {}) =>
  api('/training-runs/e2e-run/reports', { id: `r-${step}`, at, state: 'running', step, tokensSeen: step * STEP_TOKENS, loss: 8 - step / 100, throughput: 50_000, ...extra });

beforeAll(async () => {
  browser = await launchBrowser(); // first: without chromium, fail before starting anything
  // The model, through the service on the hub's database file: the API registers no models.
  const database = await openDatabase({ url: env.DATABASE_URL });
  await migrateDatabase(database);
  await registerModel(
    { database, clock: () => new Date() },
    {
      actor: systemActor('test'),
      input: { id: 'e2e-model', family: { id: 'e2e', name: 'End-to-end' }, version: '1', name: 'E2E 1B', status: 'training', languages: ['mlt'] },
    },
  );
  database.close();
  // A reporter token, as an operator issues it.
  const out: string[] = [];
  expect(await runCli(['token', 'create', '--name', 'e2e job', '--scope', 'reporter'], env, { out: (line) => out.push(line), err: () => {} })).toBe(0);
  reporter = out[0]!;

  // The run and its first reports through the API, on a hub that does not build the site...
  server = await startServerProcess({ ...env, AGORA_SKIP_SITE: 'true' });
  await api('/training-runs', { id: 'e2e-run', modelId: 'e2e-model', hpcSystem: 'JUPITER', totalSteps: 1000, tokensTarget: 1000 * STEP_TOKENS });
  for (let step = 0; step <= 100; step += 10)
    await report(step, minutesAgo(30 - step / 10), step === 100 ? { checkpoint: { step, tokens: step * STEP_TOKENS, digest: digest(step), uri: 's3://e2e/100' }, events: [{ kind: 'checkpoint_saved' }] } : {});
  await server.stop();
  // ...then the hub as `npm start` runs it, which builds the site with that run in it.
  server = await startServerProcess(env);
  await server.waitForLog((entry) => entry.msg === 'site build finished' || entry.msg === 'site build failed', 150_000);
  context = await browser.newContext({ timezoneId: 'Europe/Helsinki', locale: 'en-GB' });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the training status page in a browser', () => {
  it('was built with the reported run', async () => {
    expect(server!.logs).toContainEqual(expect.objectContaining({ msg: 'site build finished' }));
    const html = await (await fetch(`${server!.url}/training/`)).text();
    expect(html).toContain('data-run="e2e-run"');
    expect(html).toContain('100 / 1,000');
  });

  it('updates the figures in place when a new report arrives, without reloading', async () => {
    const page = await context.newPage();
    await page.goto(`${server!.url}/training/?refresh=1`);
    const row = page.locator('tr[data-run="e2e-run"]');
    const cell = (field: string) => row.locator(`[data-field="${field}"]`);
    expect(await cell('step').textContent()).toBe('100 / 1,000');
    expect(await cell('model').textContent()).toContain('E2E 1B');
    expect(await cell('system').textContent()).toBe('JUPITER');
    await page.locator('[data-live-status][data-state="live"]', { hasText: /updated \d\d:\d\d:\d\d/ }).waitFor({ timeout: 5000 });
    await page.evaluate(() => Object.assign(globalThis, { agoraNotReloaded: true }));

    await report(500, minutesAgo(1), { loss: 2.5, throughput: 80_000 });
    await cell('step').filter({ hasText: '500 / 1,000' }).waitFor({ timeout: 5000 });
    expect(await page.evaluate(() => 'agoraNotReloaded' in globalThis)).toBe(true);
    expect(await cell('tokens').textContent()).toBe('500\u00a0M / 1\u00a0B');
    expect(await cell('loss').textContent()).toBe('2.5');
    expect(await cell('throughput').textContent()).toBe('80\u00a0k tokens/s');
    expect(await cell('progress').locator('[data-part="text"]').textContent()).toBe('50.0%');
    expect(await cell('progress').locator('progress').evaluate((bar) => (bar as unknown as { value: number }).value)).toBe(0.5);

    // The ETA the API computes, in the reader's time zone, with the UTC wording kept in the title.
    const live = (await (await fetch(`${server!.url}/api/v1/training-runs/e2e-run`)).json()) as { eta: string };
    const eta = row.locator('time[data-field="eta"]');
    await expect.poll(() => eta.getAttribute('datetime')).toBe(live.eta);
    const expected = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short', timeZone: 'Europe/Helsinki' }).format(new Date(live.eta));
    await expect.poll(() => eta.textContent()).toBe(expected);
    expect(await eta.getAttribute('title')).toMatch(/ UTC$/);
    await page.close();
  });

  it('adds a run registered after the build, and says when live data is unavailable', async () => {
    const page = await context.newPage();
    await page.goto(`${server!.url}/training/?refresh=1`);
    await api('/training-runs', { id: 'e2e-late', modelId: 'e2e-model', hpcSystem: 'LUMI', totalSteps: 10 });
    const late = page.locator('tr[data-run="e2e-late"]');
    await late.waitFor({ timeout: 5000 });
    expect(await late.locator('[data-field="system"]').textContent()).toBe('LUMI');
    expect(await late.locator('[data-field="state"]').textContent()).toBe('… Queued');

    await page.route('**/api/v1/training-runs?*', (route) => route.fulfill({ status: 503, body: '{}' }));
    await page.locator('[data-live-status][data-state="unavailable"]', { hasText: 'Live data unavailable (HTTP 503)' }).waitFor({ timeout: 5000 });
    expect(await page.locator('tr[data-run="e2e-run"] [data-field="step"]').textContent()).toBe('500 / 1,000');
    await page.close();
  });

  it('shows the model page with the reported checkpoint and a loss curve of every report', async () => {
    const page = await context.newPage();
    await page.goto(`${server!.url}/models/e2e-model/`);
    expect(await page.locator(`tr[data-checkpoint="${digest(100)}"] code.digest`).getAttribute('title')).toBe(digest(100));
    const d = (await page.locator('figure[data-loss-chart="e2e-run"] path[data-loss-path]').getAttribute('d'))!;
    expect(d.match(/[ML]/g)).toHaveLength(11);
    expect(await page.locator('figure[data-loss-chart="e2e-run"] [data-event="checkpoint_saved"]').count()).toBe(1);
    await page.close();
  });
});
