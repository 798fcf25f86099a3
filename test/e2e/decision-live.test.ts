import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, tables } from '../../db/index.ts';
import { syncContent } from '../../api/services/content/sync-content.ts';
import { systemActor } from '../../api/services/context.ts';
import { seedDemoTraining } from '../../api/services/demo/seed-demo-training.ts';
import { createToken } from '../../api/services/tokens.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { copyContent } from '../helpers/content.ts';
import { BINDING } from '../helpers/decisions.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server.ts';

/**
 * A release vote's page on a real hub in a real browser: the vote is opened and voted on through
 * the API, the hub builds its page, and a ballot cast while the page is open changes its tally in
 * place, without a reload.
 */
const dir = mkdtempSync(join(tmpdir(), 'agora-e2e-decision-'));
const content = copyContent();
const env = { DATABASE_URL: `file:${join(dir, 'agora.db')}`, SITE_OUT_DIR: join(dir, 'site'), AGORA_DEMO: 'false', CONTENT_DIR: content.dir };
const MODEL = 'agora-demo-1b-v0-1';
let server: ServerProcess | undefined;
let browser: Browser;
let context: BrowserContext;
const tokens: Record<string, string> = {};
let proposal: { id: string; closesAt: string; subject: { checkpointDigest: string; cardRevision: string } };

async function api(organization: string, path: string, body: unknown): Promise<Response> {
  const response = await fetch(`${server!.url}/api/v1${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tokens[organization]}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  return response;
}
const vote = (organization: string, option: string, reason?: string) => api(organization, `/proposals/${proposal.id}/ballots`, { option, ...(reason ? { reason } : {}) });

beforeAll(async () => {
  browser = await launchBrowser(); // first: without chromium, fail before starting anything
  // Delegates in the content the hub syncs; the demo's completed run and the example card to release.
  const members = BINDING.map((org) => `  - id: d-${org}\n    display_name: d-${org}\n    organization: ${org}\n    roles: [delegate]\n`).join('');
  writeFileSync(join(content.dir, 'governance', 'members.yaml'), `members:\n${members}`);
  const database = await openDatabase({ url: env.DATABASE_URL });
  await migrateDatabase(database);
  const services = { database, clock: () => new Date() };
  await syncContent(services, { actor: systemActor('test'), input: { contentDir: content.dir } });
  await seedDemoTraining(services, systemActor('demo'));
  for (const org of BINDING)
    tokens[org] = (await createToken(services, { actor: systemActor('test'), input: { name: `d-${org}`, scopes: ['write'], memberId: `d-${org}` } })).secret;
  const [checkpoint] = await database.db
    .select({ digest: tables.checkpoints.digest })
    .from(tables.checkpoints)
    .where(and(eq(tables.checkpoints.modelId, MODEL), eq(tables.checkpoints.step, 1000)));
  database.close();

  // The vote and seven approvals (one short of quorum) through the API, on a hub not building its site...
  server = await startServerProcess({ ...env, AGORA_SKIP_SITE: 'true' });
  const opened = await api('charles-university', '/proposals', { kind: 'release', title: 'Release Agora Demo 1B v0.1 (e2e)', subject: { type: 'model_release', modelId: MODEL, checkpointDigest: checkpoint!.digest } });
  proposal = (await opened.json()) as typeof proposal;
  for (const org of BINDING.slice(0, 7)) await vote(org, 'approve', `Reviewed by ${org}.`);
  await server.stop();
  // ...then the hub as `npm start` runs it, which builds the site with that vote in it.
  server = await startServerProcess(env);
  await server.waitForLog((entry) => entry.msg === 'site build finished' || entry.msg === 'site build failed', 150_000);
  context = await browser.newContext({ timezoneId: 'Europe/Helsinki', locale: 'en-GB' });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  content.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('a decision page in a browser', () => {
  it('was built with the vote, its subject and its deadline in the reader’s time zone', async () => {
    expect(server!.logs).toContainEqual(expect.objectContaining({ msg: 'site build finished' }));
    const page = await context.newPage();
    await page.goto(`${server!.url}/decisions/`);
    expect(await page.locator(`tr[data-decision="${proposal.id}"] [data-field="turnout"]`).textContent()).toBe('7 of 16');
    await page.goto(`${server!.url}/decisions/${proposal.id}/`);
    expect(await page.locator('[data-subject-model] a').getAttribute('href')).toBe(`/models/${MODEL}/`);
    expect(await page.locator('[data-full-digest]').textContent()).toBe(proposal.subject.checkpointDigest);
    expect(await page.locator(`[data-subject-card="${proposal.subject.cardRevision}"] a`).getAttribute('href')).toBe(`/models/${MODEL}/card/`);
    const deadline = page.locator('[data-deadline] time');
    const helsinki = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short', timeZone: 'Europe/Helsinki' });
    await expect.poll(() => deadline.textContent()).toBe(helsinki.format(new Date(proposal.closesAt)));
    expect(await deadline.getAttribute('title')).toMatch(/ UTC$/);
    await page.close();
  });

  it('updates the tally in place when a ballot is cast, without reloading', async () => {
    const page = await context.newPage();
    await page.goto(`${server!.url}/decisions/${proposal.id}/?refresh=1`);
    const field = (name: string) => page.locator(`[data-field="${name}"]`);
    expect(await field('verdict').textContent()).toBe('✗ It would not pass if closed now: no quorum.');
    expect(await field('turnout').textContent()).toBe('7 of 16 binding organisations have voted');
    await page.locator('[data-live-status][data-state="live"]', { hasText: /updated \d\d:\d\d:\d\d/ }).waitFor({ timeout: 5000 });
    await page.evaluate(() => Object.assign(globalThis, { agoraNotReloaded: true }));

    const voter = BINDING[7]!;
    await vote(voter, 'approve', 'Card and checkpoint checked.');
    await field('turnout').filter({ hasText: '8 of 16' }).waitFor({ timeout: 5000 });
    expect(await page.evaluate(() => 'agoraNotReloaded' in globalThis)).toBe(true);
    expect(await field('verdict').textContent()).toBe('✓ It would pass if closed now.');
    expect(await page.locator('[data-field="verdict"]').getAttribute('data-tone')).toBe('pass');
    expect(await page.locator('[data-check="quorum"]').getAttribute('data-met')).toBe('true');
    expect(await page.locator('[data-check="quorum"] [data-part="status"]').textContent()).toBe('✓ reached');
    expect(await field('binding-approve').textContent()).toBe('8');
    expect(await page.locator(`tr[data-counted="${voter}"]`).innerText()).toMatch(/\+1 Approve\s+own ballot/);
    expect(await page.locator(`[data-field="not-voted"] [data-org="${voter}"]`).count()).toBe(0);
    expect(await page.locator('[data-field="explanation"] li').first().textContent()).toBe('8 of 16 binding organisations voted (8 approve, 0 reject, 0 abstain).');

    // A failing API keeps the last tally and says so.
    await page.route('**/api/v1/proposals/*/tally', (route) => route.fulfill({ status: 503, body: '{}' }));
    await page.locator('[data-live-status][data-state="unavailable"]', { hasText: 'Live tally unavailable (HTTP 503)' }).waitFor({ timeout: 5000 });
    expect(await field('turnout').textContent()).toBe('8 of 16 binding organisations have voted');
    await page.close();
  });
});
