import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteSnapshot } from '../api/site/build-site.ts';
import { openBuiltPages } from './helpers/built-pages.ts';
import { fixtureSite } from './helpers/fixture-site.ts';

// Issue 14, links both ways: a model version's and a dataset's pages list the votes about them
// (open and closed, with outcome and what it did), and a decision's page links its subject and says
// what the outcome did. Built from the fixture by a real `astro build`, read with JavaScript off.
let snapshot: SiteSnapshot;
let pages: Awaited<ReturnType<typeof openBuiltPages>>;

beforeAll(async () => {
  pages = await openBuiltPages();
  const built = await fixtureSite();
  snapshot = built.snapshot;
  pages.use(built.dir);
});
afterAll(async () => {
  await pages?.close();
});

const open = (path: string) => pages.open(path);
const squash = (value: string | null) => (value ?? '').replace(/\s+/g, ' ').trim();
const about = (ref: string) => snapshot.decisions.proposals.filter((decision) => decision.subjectLink.ref === ref);

describe('a subject’s page lists its decisions', () => {
  it('on a model version: every release vote about it, open and closed, linked', async () => {
    const page = await open('models/agora-demo-1b-v0-1');
    const items = page.locator('[data-decisions-about="model:agora-demo-1b-v0-1"] li');
    const expected = about('model:agora-demo-1b-v0-1');
    expect(expected.length).toBeGreaterThan(1);
    expect(await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-decision')))).toEqual(expected.map((decision) => decision.id));
    const withdrawn = page.locator('li[data-decision="fixture-release-v0-1-rc1"]');
    expect(squash(await withdrawn.innerText())).toContain('withdrawn');
    expect(squash(await withdrawn.innerText())).toContain('left as it was');
    expect(await withdrawn.locator('a').first().getAttribute('href')).toBe('/decisions/fixture-release-v0-1-rc1/');
    expect(squash(await page.locator('li[data-decision="fixture-release-v0-1"]').innerText())).toContain('open, closes');
  });

  it('on a dataset: its standing and the votes that gave it', async () => {
    const accepted = await open('datasets/finepdfs-1.0.0');
    expect(await accepted.locator('[data-standing]').getAttribute('data-standing')).toBe('accepted');
    expect(await accepted.locator('[data-standing] a').getAttribute('href')).toBe('/decisions/fixture-include-finepdfs/');
    expect(await accepted.locator('li[data-decision="fixture-include-finepdfs"] [data-effect]').getAttribute('data-effect')).toBe('accepted');
    const blocked = await open('datasets/dclm-1.0');
    expect(await blocked.locator('[data-standing]').getAttribute('data-standing')).toBe('undecided');
    expect(squash(await blocked.locator('li[data-decision="fixture-include-dclm"]').innerText())).toContain('blocked');
    const none = await open('datasets/hplt-3.0');
    expect(await none.locator('[data-decisions-about="dataset:hplt-3.0"]').getAttribute('data-count')).toBe('0');
  });
});

describe('a decision’s page', () => {
  it('links its subject and says what the outcome did', async () => {
    const passed = await open('decisions/fixture-include-finepdfs');
    expect(await passed.locator('[data-subject-dataset] a').getAttribute('href')).toBe('/datasets/finepdfs-1.0.0/');
    expect(await passed.locator('dd[data-effect]').getAttribute('data-effect')).toBe('accepted');
    expect(squash(await passed.locator('dd[data-effect]').innerText())).toBe('the dataset was accepted');
    const membership = await open('decisions/fixture-admit-member');
    expect(squash(await membership.locator('dd[data-effect]').innerText())).toContain('reviewed as a pull request');
    const open_ = await open('decisions/fixture-release-v0-1');
    expect(await open_.locator('dd[data-effect]').count()).toBe(0);
  });
});
