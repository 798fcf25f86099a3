import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { policiesFileSchema } from '../api/domain/decisions/policy.ts';
import { launchBrowser } from './helpers/browser.ts';
import { fixtureSite } from './helpers/fixture-site.ts';

// Issue 15: the handbook's decision policies are rendered from content/governance/policies.yaml (a
// page cannot drift from the rules). The fixture site, built from content synced from the shipped
// file, read in a real browser with JavaScript off; the expected figures come from the file itself.
const POLICIES = policiesFileSchema.parse(parse(readFileSync(new URL('../content/governance/policies.yaml', import.meta.url), 'utf8'))).policies;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  const { dir } = await fixtureSite();
  page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await page.setContent(await readFile(join(dir, 'handbook', 'decisions', 'index.html'), 'utf8'), { waitUntil: 'domcontentloaded' });
});
afterAll(async () => {
  await browser?.close();
});

const cell = async (kind: string, field: string) => (await page.locator(`tr[data-policy="${kind}"] [data-field="${field}"]`).innerText()).trim();

describe('the handbook page on decisions', () => {
  it('has a row for every policy of content/governance/policies.yaml, in the file’s figures', async () => {
    expect(await page.locator('tr[data-policy]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-policy')))).toEqual(POLICIES.map((policy) => policy.kind));
    for (const policy of POLICIES) {
      expect(await cell(policy.kind, 'quorum'), policy.kind).toBe(`${Math.round(policy.quorum * 100)}%`);
      expect(await cell(policy.kind, 'threshold'), policy.kind).toBe(`${Math.round(policy.threshold * 100)}%`);
      expect(await cell(policy.kind, 'minimum-approvals'), policy.kind).toBe(String(policy.minimum_approvals));
      expect(await cell(policy.kind, 'secret'), policy.kind).toBe(policy.secret ? 'yes' : 'no');
      expect((await cell(policy.kind, 'concerns')).startsWith(policy.concerns.enabled ? 'yes' : 'no'), policy.kind).toBe(true);
      expect((await cell(policy.kind, 'open')).includes('no early close'), policy.kind).toBe(!policy.early_close);
    }
    expect(await cell('release', 'open')).toBe('72 h to 14 days');
    expect(await cell('release', 'preconditions')).toBe('complete model card, completed training run');
  });
});
