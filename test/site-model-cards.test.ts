import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteSnapshot } from '../api/site/build-site.ts';
import { CARD_EXPORT_FORMATS } from '../api/services/model-cards/card-export-formats.ts';
import { launchBrowser } from './helpers/browser.ts';
import { fixtureSite } from './helpers/fixture-site.ts';

// The model-card pages of one real `astro build` from the fixture, read in a browser with
// JavaScript off. The fixture has the shipped example card (complete) and an unfinished card for
// openeurollm-baby-2b-v0-1 (test/fixtures/model-cards/); agora-demo-1b-v0-2 has none.
const EXAMPLE = 'agora-demo-1b-v0-1';
const UNFINISHED = 'openeurollm-baby-2b-v0-1';
const CARDLESS = 'agora-demo-1b-v0-2';
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

const text = async (page: Page, selector: string) => (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();
const card = (modelId: string) => snapshot.modelCards.find((c) => c.modelId === modelId)!;
const cardPage = (modelId: string) => `models/${modelId}/card`;

describe('the fixture', () => {
  it('holds a complete example card, an unfinished card and a model without one', () => {
    expect(card(EXAMPLE)).toMatchObject({ isExample: true, compliance: { aiAct: { complete: true } } });
    expect(card(EXAMPLE).compliance.aiAct.fields).toHaveLength(14);
    expect(card(UNFINISHED).compliance.aiAct.missing.map((f) => f.key)).toEqual(['acceptable_use_policy', 'release', 'software_versions', 'computational_resources', 'energy']);
    expect(snapshot.modelCards.some((c) => c.modelId === CARDLESS)).toBe(false);
  });
});

describe('a card page', () => {
  it('is marked as the example card, and as demo', async () => {
    const page = await open(cardPage(EXAMPLE));
    expect(await page.locator('h1').textContent()).toBe('Agora Demo 1B v0.1 (demo): model card');
    expect(await text(page, '[data-example-notice]')).toMatch(/^Example card This card is an example shipped with Agora \(content\/models\/agora-demo\/0\.1\.md\)/);
    expect(await page.locator('[data-example-badge]').textContent()).toBe('example card');
    expect(await page.locator('.status-line [data-demo]').count()).toBe(1);
    expect(await page.locator(`[data-glance] a[href="/models/${EXAMPLE}/"]`).count()).toBe(1);
  });

  it("renders the card's prose as Markdown, its headings in the table of contents", async () => {
    const page = await open(cardPage(EXAMPLE));
    const prose = page.locator('[data-card-prose]');
    expect(await prose.locator('h3').allTextContents()).toEqual(['Model summary', 'Intended use', 'Limitations', 'Training data', 'Evaluation']);
    expect(await prose.locator('strong').first().textContent()).toBe('example');
    expect(await text(page, '[data-card-prose] h3#limitations + p')).toMatch(/^A model of this size writes fluent text/);
    expect(await page.locator('starlight-toc a[href="#intended-use"]').count()).toBe(1);
  });

  it('shows raw HTML in the prose as text, and drops script links', async () => {
    const page = await open(cardPage(UNFINISHED));
    const prose = page.locator('[data-card-prose]');
    expect(await prose.locator('script, img, [onerror]').count()).toBe(0);
    expect(await prose.innerText()).toContain(`<script>document.body.dataset.injected = 'yes'</script>`);
    expect(await prose.innerText()).toContain('<img src="x" onerror=');
    expect(await prose.locator('a').count()).toBe(0);
    expect(await prose.innerText()).toContain('a link with a script URL');
  });

  it('checks all 14 Annex XI/XII fields, in words, with their articles and readers', async () => {
    const page = await open(cardPage(EXAMPLE));
    const fields = card(EXAMPLE).compliance.aiAct.fields;
    expect(await page.locator('tr[data-field]').count()).toBe(14);
    for (const field of fields) {
      const row = page.locator(`tr[data-field="${field.key}"]`);
      expect(await row.getAttribute('data-present')).toBe('true');
      const rowText = (await row.innerText()).replace(/\s+/g, ' ');
      expect(rowText).toContain(field.label);
      expect(rowText).toContain('✓ Documented');
      for (const article of field.articles) expect(rowText).toContain(article);
      expect(rowText).toContain(field.audiences.includes('ai_office') ? 'AI Office' : 'Downstream providers');
    }
    expect(await text(page, '[data-completeness]')).toMatch(/^✓ Complete: 14 of 14 required fields documented\./);
    expect(await page.locator('[data-missing-summary]').count()).toBe(0);
    expect(await text(page, '[data-no-systemic-risk]')).toContain('Annex XI §2');
  });

  it('highlights the fields an unfinished card lacks and says for whom', async () => {
    const page = await open(cardPage(UNFINISHED));
    const { fields, missing } = card(UNFINISHED).compliance.aiAct;
    expect(await page.locator('tr[data-field]').count()).toBe(14);
    for (const field of fields) {
      const row = page.locator(`tr[data-field="${field.key}"]`);
      expect(await row.locator('td.state').textContent()).toBe(field.present ? '✓ Documented' : '✗ Missing');
      expect(await row.evaluate((tr) => tr.classList.contains('missing'))).toBe(!field.present);
    }
    expect(await page.locator('tr[data-field].missing').count()).toBe(missing.length);
    expect(await text(page, '[data-completeness]')).toMatch(/^✗ Incomplete: 9 of 14 required fields documented, 5 missing\./);
    const summary = await text(page, '[data-missing-summary]');
    expect(summary).toContain('For the AI Office (4): Acceptable-use policy; Date of release and methods of distribution; Computational resources');
    expect(summary).toContain('For downstream providers (3): Acceptable-use policy; Date of release and methods of distribution; Versions of the relevant software');
    expect(await text(page, '[data-glance="ai-act"]')).toBe('✗ Incomplete: 9 of 14 fields documented, 5 missing');
    expect(await page.locator('[data-fact="acceptable_use_policy"] [data-not-stated]').count()).toBe(1);
  });

  it('gives the compute thresholds and the Art. 53(2) exemption verdict with reasons', async () => {
    const example = await open(cardPage(EXAMPLE));
    expect(await text(example, '[data-compute]')).toBe('Training compute: 3.12 × 1019 FLOP (6 × parameters × training tokens).');
    expect(await example.locator('tr[data-threshold="general-purpose"]').getAttribute('data-reached')).toBe('false');
    expect(await text(example, '[data-exemption]')).toBe('✓ The Art. 53(2) open-source exemption can apply.');

    const unfinished = await open(cardPage(UNFINISHED));
    expect(await unfinished.locator('tr[data-threshold="general-purpose"]').getAttribute('data-reached')).toBe('true');
    expect(await text(unfinished, 'tr[data-threshold="general-purpose"] .verdict')).toBe('⚠ Reached');
    expect(await text(unfinished, 'tr[data-threshold="systemic-risk"] .verdict')).toBe('✓ Not reached');
    expect(await text(unfinished, '[data-duties]')).toContain('Above 1023 FLOP: indicatively a general-purpose AI model');
    expect(await text(unfinished, '[data-exemption]')).toBe('✗ The Art. 53(2) open-source exemption cannot apply.');
    expect(await text(unfinished, 'li[data-reason="licence_restricted"]')).toMatch(/^✗ Not met: OpenEuroLLM-Eligible-1\.0 is reserved to eligible actors/);
  });

  it('shows the openness class, progress per class and what the next class needs', async () => {
    const page = await open(cardPage(EXAMPLE));
    expect(await page.locator('[data-openness-class]').getAttribute('data-openness-class')).toBe('3');
    expect(await text(page, '[data-openness-class]')).toBe('Class III - Open Model');
    const progress = async (key: string) => ({
      value: await page.locator(`tr[data-class-progress="${key}"] progress`).getAttribute('value'),
      text: await text(page, `tr[data-class-progress="${key}"]`),
    });
    expect(await progress('3')).toEqual({ value: '100', text: 'Class III - Open Model 100% ✓ met' });
    expect(await progress('2')).toEqual({ value: '90', text: 'Class II - Open Tooling Model 90% Evaluation data' });
    expect(await progress('1')).toEqual({ value: '0', text: 'Class I - Open Science Model 0% Datasets, Evaluation data, Research paper' });
    expect(await page.locator('[data-next-missing]').textContent()).toBe('Evaluation data');
    expect(await page.locator('tr[data-component]').count()).toBe(17);
    expect(await page.locator('tr[data-component="Research paper"]').getAttribute('data-counts')).toBe('false');

    const unfinished = await open(cardPage(UNFINISHED));
    expect(await text(unfinished, '[data-openness-class]')).toBe('Unclassified');
    expect(await text(unfinished, 'tr[data-class-progress="3"]')).toMatch(/^Class III - Open Model 16\.7% Model parameters \(Final\), Model card/);
  });

  it("links every export to the hub's API, as plain links that are never prefetched", async () => {
    const page = await open(cardPage(EXAMPLE));
    const links = await page.locator('a[data-download]').evaluateAll((anchors) =>
      anchors.map((a) => ({ format: a.getAttribute('data-download'), href: a.getAttribute('href'), reload: a.hasAttribute('data-astro-reload'), prefetch: a.getAttribute('data-astro-prefetch'), text: a.textContent?.trim() })),
    );
    expect(links.map((link) => link.format)).toEqual([...CARD_EXPORT_FORMATS]);
    for (const link of links) {
      expect(link.href).toBe(`/api/v1/models/${EXAMPLE}/card/exports/${link.format}`);
      expect(link).toMatchObject({ reload: true, prefetch: 'false' });
    }
    expect(links.map((link) => link.text)).toEqual([
      'Hugging Face README',
      'Model Openness Tool YAML',
      'Training-content summary (Markdown)',
      'Training-content summary (JSON)',
      'Annex XI/XII documentation',
    ]);
  });

  it('shows the facts, the data with links to its cycle and datasets, and evaluations per language', async () => {
    const page = await open(cardPage(EXAMPLE));
    expect(await text(page, '[data-fact="licence"]')).toBe('Apache-2.0');
    expect(await text(page, '[data-fact="software"]')).toBe('transformers 4.56, torch 2.8');
    expect(await text(page, '[data-fact="provider"]')).toContain('Charles University');
    expect(await page.locator('[data-fact="collection"] a[href="/coverage/baby/"]').count()).toBe(1);
    const datasetLinks = await page.locator('[data-fact="datasets"] a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    // The card's cycle only: the fixture holds a second, synthetic cycle beside it.
    const ofBaby = snapshot.collections.datasets.filter((dataset) => dataset.cycles.some((entry) => entry.cycle === 'baby'));
    expect(datasetLinks.sort()).toEqual(ofBaby.map((dataset) => `/datasets/${dataset.id}/`).sort());
    expect(await text(page, 'tr[data-source-kind="synthetic"]')).toMatch(/^Synthetic data \(§2\.5\) yes Machine translations/);
    expect(await text(page, '[data-fact="energy"]')).toBe('0.9 kWh (GPU board power × hours (simulated))');
    expect(await page.locator('table[data-evaluations] thead th').allInnerTexts()).toEqual(['Language', 'FLORES-200 (devtest)\nperplexity']);
    expect(await text(page, 'tr[data-evaluation-language="deu"]')).toBe('German deu 21.7');
    expect(await text(page, 'tr[data-evaluation-language="mlt"]')).toBe('Maltese mlt 48.2');
  });
});

describe('links to the cards', () => {
  it('from a model page, prominently; a model without a card says so', async () => {
    const withCard = await open(`models/${EXAMPLE}`);
    expect(await withCard.locator('[data-model-card] a').getAttribute('href')).toBe(`/models/${EXAMPLE}/card/`);
    expect(await text(withCard, '[data-model-card]')).toContain('AI Act documentation: 14 of 14 fields · Class III - Open Model');
    expect(await withCard.locator('.status-line [data-card-link]').getAttribute('href')).toBe(`/models/${EXAMPLE}/card/`);

    const without = await open(`models/${CARDLESS}`);
    expect(await without.locator('[data-model-card], [data-card-link]').count()).toBe(0);
    expect(await text(without, '[data-no-card]')).toMatch(/^No model card\. This model version has no card in content\/models\/ yet/);
    expect(await text(without, '[data-no-card]')).toContain('content/models/agora-demo/0.2.md');
  });

  it('from the models index, with a "card" badge on each version that has one', async () => {
    const page = await open('models');
    for (const model of snapshot.models) {
      const badge = page.locator(`tr[data-model="${model.id}"] [data-card-link]`);
      const hasCard = snapshot.modelCards.some((c) => c.modelId === model.id);
      expect(await badge.count(), model.id).toBe(hasCard ? 1 : 0);
      if (hasCard) {
        expect(await badge.getAttribute('href')).toBe(`/models/${model.id}/card/`);
        expect((await badge.textContent())?.trim()).toBe('card');
        expect(await badge.getAttribute('aria-label')).toBe(`Model card of ${model.name}`);
      }
    }
  });

  it('from the model cards index, with completeness, openness class and exemption', async () => {
    const page = await open('model-cards');
    expect(await page.locator('tr[data-card]').count()).toBe(snapshot.modelCards.length);
    expect(await text(page, `tr[data-card="${EXAMPLE}"]`)).toMatch(/✓ Complete: 14 of 14 fields Class III - Open Model ✓ can apply$/);
    expect(await text(page, `tr[data-card="${UNFINISHED}"]`)).toMatch(/✗ Incomplete: 9 of 14 fields 5 missing.* Unclassified ✗ cannot apply$/);
    expect(await text(page, '[data-without-card]')).toContain('Agora Demo 1B v0.2');
    const sidebar = await page.locator('#starlight__sidebar a[aria-current="page"]').textContent();
    expect(sidebar?.trim()).toBe('Model cards');
  });
});
