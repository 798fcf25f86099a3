import { access, cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, computeSiteFingerprint, readBuiltFingerprint, type SiteSnapshot } from '../api/site/build-site.ts';
import { DOCS_DIR } from '../api/site/site-paths.ts';
import { fixtureSite } from './helpers/fixture-site.ts';

// The real `astro build` of the site from the fixture snapshot that the page suites share
// (fixture-site.ts); every test reads its HTML.
let snapshot: SiteSnapshot;
let outDir: string;
let built: { fingerprint: string };

beforeAll(async () => {
  const site = await fixtureSite();
  ({ snapshot, dir: outDir } = site);
  built = { fingerprint: site.fingerprint };
});

const page = (path: string) => readFile(join(outDir, path), 'utf8');
const exists = (path: string) => access(join(outDir, path)).then(() => true, () => false);

/** Text of the element opened by the first tag carrying `attribute` (e.g. `data-organization="csc"`). */
function elementText(html: string, attribute: string, tag: string): string {
  const start = html.indexOf(attribute);
  expect(start, `no element with ${attribute}`).toBeGreaterThan(-1);
  const end = html.indexOf(`</${tag}>`, start);
  return decode(html.slice(start, end).replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
}

const decode = (text: string) =>
  text.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

describe('the built site', () => {
  it('has the handbook home page, with every handbook page in the sidebar', async () => {
    const home = await page('index.html');
    expect(home).toMatch(/<title>[^<]*Agora[^<]*<\/title>/);
    const registry = await page('organizations/index.html');
    const sidebar = registry.slice(registry.indexOf('id="starlight__sidebar"'), registry.indexOf('</nav>'));
    const handbookPages = (await readdir(join(DOCS_DIR, 'handbook'))).filter((name) => /^[^_].*\.mdx?$/.test(name));
    expect(handbookPages.length).toBeGreaterThan(0);
    for (const name of handbookPages) {
      const slug = name.replace(/\.mdx?$/, '');
      expect(await exists(`handbook/${slug}/index.html`)).toBe(true);
      expect(sidebar).toContain(`href="/handbook/${slug}/"`);
    }
    expect(sidebar).toContain('href="/api/docs"');
  });

  it('is the production build, with the site search, whatever environment the tests run in', async () => {
    // vitest exports DEV=1 and MODE=test; a build that inherits them renders Starlight's development
    // variant, which has no search.
    const home = await page('index.html');
    expect(home).toContain('id="starlight__search"');
    expect(home).not.toContain('Search is only available in production builds');
    expect(await exists('pagefind/pagefind.js')).toBe(true);
  });

  it('lists every organisation of the snapshot with its eligibility', async () => {
    const html = await page('organizations/index.html');
    for (const org of snapshot.organizations) {
      const row = elementText(html, `data-organization="${org.id}"`, 'tr');
      expect(row).toContain(org.name);
      expect(row).toContain(org.countryName);
      expect(row).toContain(org.eligibility.eligible ? '✓ Eligible' : '✗ Not eligible');
      expect(html).toContain(`href="/organizations/${org.id}/"`);
    }
    expect(html).toContain('Consortium partners');
    expect(html).toContain('EuroHPC centres');
    expect(html).toContain('Open-science community');
  });

  it('shows on each registry page which snapshot and ledger entry it reflects', async () => {
    for (const path of ['organizations/index.html', 'organizations/csc/index.html', 'languages/index.html']) {
      const text = elementText(await page(path), 'class="data-as-of', 'p');
      expect(text).toContain('25 November 2026 at 10:00 UTC');
      expect(text).toContain('ledger entry #42');
    }
  });

  it('says AMD Silo AI is not eligible, because it is controlled from a third country', async () => {
    const html = await page('organizations/amd-silo-ai/index.html');
    expect(elementText(html, 'data-eligible=', 'span')).toContain('✗ Not eligible to licence model components');
    const reason = elementText(html, 'data-reason="third_country_control"', 'li');
    expect(reason).toContain('Not met:');
    expect(reason).toContain('Controlled from a third country: Advanced Micro Devices, Inc. (United States).');
    expect(elementText(html, 'data-reason="established_eu_member"', 'li')).toContain('Met: Established in Finland');
    expect(decode(html)).toContain('Advanced Micro Devices, Inc. (United States, US)');
    expect(html).toContain('Read from public records by the secretariat');
    expect(html).toContain('href="/api/v1/organizations/amd-silo-ai"');
  });

  it('says an eligible organisation is eligible, and shows a missing declaration', async () => {
    const charles = await page('organizations/charles-university/index.html');
    expect(elementText(charles, 'data-eligible=', 'span')).toContain('✓ Eligible to licence model components');
    const laion = await page('organizations/laion/index.html');
    expect(elementText(laion, 'id="ownership-control"', 'p')).toContain('No ownership-control declaration is on record');
  });

  it('lists the target languages with ISO codes and variants, grouped', async () => {
    const html = await page('languages/index.html');
    for (const language of snapshot.languages) {
      const row = elementText(html, `data-language="${language.code}"`, 'tr');
      expect(row).toContain(language.name);
      expect(row).toContain(language.code);
      if (language.iso6391) expect(row).toContain(language.iso6391);
      for (const variant of language.variants) expect(row).toContain(variant);
    }
    expect(html).toContain('Official EU languages');
    expect(html).toContain('Languages of candidate countries');
  });

  it('emits nothing under the paths the hub serves, and does not leak the snapshot file', async () => {
    for (const path of ['api', 'webhooks', 'discord']) expect(await exists(path)).toBe(false);
    const files = (await readdir(outDir, { recursive: true })).filter((file) => /\.(html|js|css|json|xml|txt)$/.test(file));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = await page(file);
      expect(text, file).not.toContain('snapshot.json');
      expect(text, file).not.toContain('.builds');
    }
  });
});

describe('site fingerprint', () => {
  it('is recorded in the built site', async () => {
    expect(built.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(await readBuiltFingerprint(outDir)).toBe(built.fingerprint);
    expect(await computeSiteFingerprint(snapshot)).toBe(built.fingerprint);
    expect(await readBuiltFingerprint(join(outDir, 'missing'))).toBeNull();
  });

  it('changes with the registry data but not with the generation time alone', async () => {
    const later = { ...snapshot, generatedAt: '2026-12-01T08:30:00.000Z' };
    expect(await computeSiteFingerprint(later)).toBe(built.fingerprint);
    const [first, ...rest] = snapshot.organizations;
    const renamed = { ...snapshot, organizations: [{ ...first!, name: 'Univerzita Karlova' }, ...rest] };
    expect(await computeSiteFingerprint(renamed)).not.toBe(built.fingerprint);
    const fewer = { ...snapshot, organizations: rest };
    expect(await computeSiteFingerprint(fewer)).not.toBe(built.fingerprint);
  });
});

describe('a failed build', () => {
  let tempRoot: string;
  afterAll(async () => {
    if (tempRoot) await rm(tempRoot, { recursive: true, force: true });
  });

  it('rejects with the build output and leaves the served site untouched', async () => {
    // On a copy: the built site is shared with the other suites.
    tempRoot = await mkdtemp(join(tmpdir(), 'agora-site-test-'));
    const served = join(tempRoot, 'site');
    await cp(outDir, served, { recursive: true });
    const broken = { ...snapshot, organizations: [{ ...snapshot.organizations[0]!, category: 'nonsense' }] };
    const failure = buildSite({ snapshot: broken as unknown as SiteSnapshot, outDir: served });
    await expect(failure).rejects.toThrow(/astro build exited with code [1-9][\s\S]*organizations\.0\.category/);
    expect(await readBuiltFingerprint(served)).toBe(built.fingerprint);
    expect(await readFile(join(served, 'organizations/amd-silo-ai/index.html'), 'utf8')).toContain('AMD Silo AI');
    expect((await readdir(tempRoot)).sort()).toEqual(['site']);
  });
});
