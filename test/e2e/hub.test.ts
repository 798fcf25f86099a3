import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_EXPORT_FILES, CARD_EXPORT_FORMATS, type CardExportFormat } from '../../api/services/model-cards/card-export-formats.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server.ts';

/** The whole hub as `npm start` runs it: real process, real database file, real site build, real browser. */
const dir = mkdtempSync(join(tmpdir(), 'agora-e2e-'));
const env = { DATABASE_URL: `file:${join(dir, 'agora.db')}`, SITE_OUT_DIR: join(dir, 'site') };
let server: ServerProcess;
let browser: Browser;
let firstAnswerAtRoot: { status: number; body: string; retryAfter: string | null };

beforeAll(async () => {
  browser = await launchBrowser(); // first: without chromium, fail before starting anything
  server = await startServerProcess(env);
  const root = await fetch(`${server.url}/`);
  firstAnswerAtRoot = { status: root.status, body: await root.text(), retryAfter: root.headers.get('Retry-After') };
  await server.waitForLog((entry) => entry.msg === 'site build finished' || entry.msg === 'site build failed', 150_000);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start on a fresh machine', () => {
  it('answers at / while the first site build runs, and then serves the site', async () => {
    if (firstAnswerAtRoot.status === 503) {
      expect(firstAnswerAtRoot.retryAfter).toBe('5');
      expect(firstAnswerAtRoot.body).toContain('being built');
    } else expect(firstAnswerAtRoot.status).toBe(200);
    expect(server.logs).toContainEqual(expect.objectContaining({ msg: 'site build finished' }));
    const home = await fetch(`${server.url}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('Content-Type')).toMatch(/text\/html/);
    expect(await home.text()).toContain('Agora');
  });

  it('serves the organisations directory generated from the database', async () => {
    const organizations = await (await fetch(`${server.url}/api/v1/organizations`)).json() as { items: { id: string; name: string }[] };
    const page = await (await fetch(`${server.url}/organizations/`)).text();
    for (const org of organizations.items) expect(page).toContain(org.name.replace(/&/g, '&amp;'));
    const amd = await fetch(`${server.url}/organizations/amd-silo-ai/`);
    expect(amd.status).toBe(200);
    const amdPage = await amd.text();
    expect(amdPage).toMatch(/not eligible/i);
    expect(amdPage).toContain('United States');
  });

  it('serves the handbook pages and the site 404 page to browsers', async () => {
    for (const path of ['/handbook/stakeholders/', '/handbook/decisions/', '/handbook/requests/'])
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(200);
    const missing = await fetch(`${server.url}/no-such-page/`, { headers: { Accept: 'text/html' } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('Content-Type')).toMatch(/text\/html/);
  });

  it("serves the example card's page, and every download link on it answers the export", async () => {
    const page = await fetch(`${server.url}/models/agora-demo-1b-v0-1/card/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Example card');
    // The download list's links (the openness section links the MOT file once more).
    const links = [...html.matchAll(/<a [^>]*href="(\/api\/v1\/models\/agora-demo-1b-v0-1\/card\/exports\/([^"]+))"[^>]*data-download=/g)].map((match) => ({
      href: match[1]!,
      format: match[2] as CardExportFormat,
    }));
    expect(links.map((link) => link.format)).toEqual([...CARD_EXPORT_FORMATS]);
    for (const link of links) {
      const response = await fetch(`${server.url}${link.href}`);
      expect(response.status, link.href).toBe(200);
      expect(response.headers.get('Content-Type'), link.href).toBe(CARD_EXPORT_FILES[link.format].contentType);
      expect(response.headers.get('Content-Disposition'), link.href).toBe(`attachment; filename="${CARD_EXPORT_FILES[link.format].filename('agora-demo-1b-v0-1')}"`);
      expect((await response.text()).length, link.href).toBeGreaterThan(100);
    }
  });

  it('renders the API reference in a browser without fetching anything from elsewhere', async () => {
    const page = await browser.newPage();
    const foreign: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url) && !request.url().startsWith('data:')) foreign.push(request.url());
    });
    await page.goto(`${server.url}/api/docs`);
    await page.getByText('List the organisations of the consortium registry').first().waitFor({ timeout: 30_000 });
    await page.getByText('One organisation with its licensing eligibility verdict and reasons').first().waitFor();
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('renders the home page and the registry in a browser', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/organizations/amd-silo-ai/`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('AMD Silo AI');
    await page.goto(`${server.url}/`);
    expect(await page.title()).toContain('Agora');
    await page.close();
  });

  it('does not rebuild an up-to-date site on the next start', async () => {
    await server.stop();
    server = await startServerProcess(env);
    await server.waitForLog((entry) => entry.msg === 'site is up to date' || entry.msg === 'site build started');
    expect(server.logs.map((entry) => entry.msg)).not.toContain('site build started');
    expect((await fetch(`${server.url}/`)).status).toBe(200);
  });
});
