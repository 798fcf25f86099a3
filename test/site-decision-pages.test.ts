import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteSnapshot } from '../api/site/build-site.ts';
import { launchBrowser } from './helpers/browser.ts';
import { fixtureSite } from './helpers/fixture-site.ts';

// The decision pages, built by a real `astro build` from the fixture (decisions in every state,
// recorded through the real services by test/helpers/site-decisions.ts) and read in a real browser
// with JavaScript off: everything here must be there without the live script.
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
const text = async (page: Page, selector: string) => squash(await page.locator(selector).first().innerText());
const decision = (id: string) => snapshot.decisions.proposals.find((d) => d.id === id)!;

describe('the fixture', () => {
  it('has decisions in every state the pages show', () => {
    const states = Object.fromEntries(snapshot.decisions.proposals.map((d) => [d.id, d.outcome ?? d.state]));
    expect(states).toEqual({
      'fixture-release-v0-1': 'open',
      'fixture-admit-member-2': 'open',
      'fixture-release-v0-1-rc1': 'withdrawn',
      'fixture-deprecate-starcoder': 'no_quorum',
      'fixture-admit-member': 'passed',
      'fixture-policy-shorter-votes': 'rejected',
      'fixture-include-dclm': 'blocked',
      'fixture-include-finepdfs': 'passed',
    });
    expect(decision('fixture-admit-member-2').ballots).toBeNull();
    expect(decision('fixture-release-v0-1-rc1').ballots!.some((b) => b.invalidatedAt)).toBe(true);
    expect(snapshot.decisions.delegations.map((d) => d.revokedAt === null)).toEqual([true, false]);
  });
});

describe('the decisions index', () => {
  it('lists open votes first, soonest deadline first, with subject, deadline, turnout and standing', async () => {
    const page = await open('decisions');
    expect(await page.locator('#starlight__sidebar a[aria-current="page"]').textContent()).toContain('Decisions');
    const rows = page.locator('table[data-open-decisions] tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-decision')))).toEqual(['fixture-admit-member-2', 'fixture-release-v0-1']);
    const release = page.locator('tr[data-decision="fixture-release-v0-1"]');
    expect(await release.locator('a').first().getAttribute('href')).toBe('/decisions/fixture-release-v0-1/');
    expect(await release.locator('a[href="/models/agora-demo-1b-v0-1/"]').textContent()).toBe('Agora Demo 1B v0.1');
    expect(squash(await release.textContent())).toContain('checkpoint at step 2,000');
    expect(await release.locator('time').first().getAttribute('datetime')).toBe(decision('fixture-release-v0-1').closesAt);
    expect(await release.locator('[data-field="turnout"]').textContent()).toBe('8 of 16');
    expect(await release.locator('[data-field="standing"]').textContent()).toBe('✓ would pass');
    const secret = page.locator('tr[data-decision="fixture-admit-member-2"]');
    expect(await secret.locator('[data-field="standing"]').textContent()).toBe('secret until the close');
    expect(await secret.locator('[data-field="turnout"]').textContent()).toBe('5 of 16');
    // The open table comes before the closed one.
    const order = await page.locator('table[data-open-decisions], table[data-closed-decisions]').evaluateAll((tables) => tables.map((t) => (t.hasAttribute('data-open-decisions') ? 'open' : 'closed')));
    expect(order).toEqual(['open', 'closed']);
  });

  it('lists closed votes, latest first, with their outcome in words', async () => {
    const page = await open('decisions');
    const rows = page.locator('table[data-closed-decisions] tbody tr');
    const outcomes = await rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-decision'), tr.querySelector('[data-decision-status]')?.textContent?.trim()]));
    expect(outcomes).toEqual([
      ['fixture-admit-member', '✓ Passed'],
      ['fixture-include-dclm', '⊘ Blocked'],
      ['fixture-deprecate-starcoder', '∅ No quorum'],
      ['fixture-policy-shorter-votes', '✗ Rejected'],
      ['fixture-release-v0-1-rc1', '↩ Withdrawn'],
      ['fixture-include-finepdfs', '✓ Passed'],
    ]);
    expect(squash(await page.locator('tr[data-decision="fixture-policy-shorter-votes"]').textContent())).toContain('3 approve, 9 reject, 0 abstain');
    expect(await page.locator('tr[data-decision="fixture-deprecate-starcoder"] [data-demo]').count()).toBe(1);
    expect(await page.locator('tr[data-decision="fixture-include-dclm"] [data-demo]').count()).toBe(0);
    expect(await page.locator('tr[data-decision="fixture-include-dclm"] a[href="/datasets/dclm-1.0/"]').count()).toBe(1);
  });

  it('lists delegations, revoked ones last and said so', async () => {
    const page = await open('decisions');
    const rows = page.locator('table[data-delegations] tbody tr');
    expect(await rows.count()).toBe(2);
    expect(squash(await rows.nth(0).innerText())).toMatch(/^university-of-oslo university-of-helsinki release from .* in force until revoked$/);
    expect(squash(await rows.nth(1).innerText())).toContain('revoked');
  });
});

describe('an open release vote', () => {
  const id = 'fixture-release-v0-1';

  it('shows the pinned subject, linked, with the checkpoint digest short and in full', async () => {
    const page = await open(`decisions/${id}`);
    const { subject } = decision(id);
    expect(await page.locator('[data-subject-model] a').getAttribute('href')).toBe('/models/agora-demo-1b-v0-1/');
    const checkpoint = page.locator(`[data-subject-checkpoint="${subject.checkpointDigest}"]`);
    expect(await checkpoint.locator('a').getAttribute('href')).toBe('/models/agora-demo-1b-v0-1/#checkpoints');
    expect(await checkpoint.locator('a').textContent()).toBe('step 2,000');
    expect(await checkpoint.locator('summary code').textContent()).toBe(`${subject.checkpointDigest!.slice(0, 19)}…`);
    expect(await checkpoint.locator('[data-full-digest]').textContent()).toBe(subject.checkpointDigest);
    const card = page.locator(`[data-subject-card="${subject.cardRevision}"]`);
    expect(await card.locator('a').getAttribute('href')).toBe('/models/agora-demo-1b-v0-1/card/');
    expect(await card.locator('[data-card-current]').count()).toBe(1);
  });

  it('shows the deadline and earliest close as UTC in <time> for the script to localise, and the rules', async () => {
    const page = await open(`decisions/${id}`);
    const d = decision(id);
    expect(await page.locator('[data-deadline] time').getAttribute('datetime')).toBe(d.closesAt);
    expect(await page.locator('[data-deadline] time').getAttribute('data-local')).not.toBeNull();
    expect(await page.locator('[data-deadline] time').textContent()).toBe('7 Dec 2026, 10:00 UTC');
    expect(await page.locator('[data-min-close] time').getAttribute('datetime')).toBe(d.minCloseAt);
    expect(await text(page, '[data-rule="quorum"]')).toBe('50% of the binding electorate must vote (abstentions count)');
    expect(await text(page, '[data-rule="threshold"]')).toBe('approve ÷ (approve + reject) must reach 66%');
    expect(await text(page, '[data-rule="minimum-approvals"]')).toContain('3 binding approvals');
    expect(await text(page, '[data-rule="duration"]')).toContain('at least 72 hours (3 days), at most 336 hours (14 days)');
    expect(await text(page, '[data-rule="secret"]')).toMatch(/^no/);
    expect(await page.locator('[data-electorate="binding"] li').count()).toBe(16);
  });

  it('shows the tally: verdict, rules met, counts, explanation, who counted and how, who has not voted', async () => {
    const page = await open(`decisions/${id}`);
    const panel = page.locator('[data-tally-panel]');
    expect(await panel.getAttribute('data-decision-live')).toBe('');
    expect(await panel.getAttribute('data-endpoint')).toBe(`/api/v1/proposals/${id}/tally`);
    expect(await panel.getAttribute('data-refresh-seconds')).toBe('15');
    expect(await text(page, '[data-field="verdict"]')).toBe('✓ It would pass if closed now.');
    expect(await text(page, '[data-live-status]')).toContain('every 15 seconds');
    expect(await text(page, '[data-field="turnout"]')).toBe('8 of 16 binding organisations have voted');
    expect(await text(page, '[data-check="quorum"]')).toMatch(/^Quorum ✓ reached: 50% of the binding electorate voted; 50% needed/);
    expect(await text(page, '[data-check="threshold"]')).toMatch(/✓ met: 85\.7% approve ÷ \(approve \+ reject\); 66% needed$/);
    expect(await text(page, '[data-check="minimum-approvals"]')).toMatch(/✓ met: 6 binding approvals; at least 3 needed$/);
    expect(await page.locator('[data-field="binding-approve"]').textContent()).toBe('6');
    expect(await page.locator('[data-field="advisory-approve"]').textContent()).toBe('1');
    const tally = decision(id).tally;
    expect(await page.locator('[data-field="explanation"] li').allTextContents()).toEqual(tally.explanation);
    const oslo = page.locator('tr[data-counted="university-of-oslo"]');
    expect(await oslo.getAttribute('data-via')).toBe('delegation');
    expect(squash(await oslo.innerText())).toBe('university-of-oslo +1 Approve through university-of-helsinki (delegation)');
    expect(squash(await page.locator('tr[data-counted="charles-university"]').innerText())).toBe('Charles University +1 Approve own ballot');
    expect(await page.locator('tr[data-counted="charles-university"] a').getAttribute('href')).toBe('/organizations/charles-university/');
    expect(await page.locator('[data-field="not-voted"] [data-org]').count()).toBe(8);
  });

  it('lists every ballot with its reason, the replaced ones struck through, the advisory one marked', async () => {
    const page = await open(`decisions/${id}`);
    const ballots = decision(id).ballots!;
    expect(await page.locator('table[data-ballots] tbody tr').count()).toBe(ballots.length);
    const amd = ballots.filter((b) => b.organizationId === 'amd-silo-ai');
    expect(amd).toHaveLength(3);
    const statuses = await Promise.all(amd.map((b) => page.locator(`tr[data-ballot="${b.ballotId}"]`).getAttribute('data-status')));
    expect(statuses).toEqual(['replaced', 'replaced', 'counts']);
    const replaced = page.locator(`tr[data-ballot="${amd[1]!.ballotId}"]`);
    expect(await replaced.locator('.option s').textContent()).toBe('−1 Reject');
    expect(await replaced.locator('.reason s').textContent()).toBe('The tokenizer drops Maltese diacritics.');
    expect(await text(page, `tr[data-ballot="${amd[1]!.ballotId}"] .status`)).toBe('replaced by a later ballot');
    const helsinki = ballots.find((b) => b.organizationId === 'university-of-helsinki')!;
    expect(await text(page, `tr[data-ballot="${helsinki.ballotId}"] .status`)).toBe('counts, also for university-of-oslo (delegation)');
    const laion = ballots.find((b) => b.organizationId === 'laion')!;
    expect(await page.locator(`tr[data-ballot="${laion.ballotId}"]`).getAttribute('data-status')).toBe('advisory');
    expect(await text(page, `tr[data-ballot="${laion.ballotId}"] th`)).toContain('member-laion · advisory · GitHub');
  });

  it('shows the resolved concern, the timeline from the ledger, and how to check the tally', async () => {
    const page = await open(`decisions/${id}`);
    const concern = page.locator('[data-concern-state="resolved"]');
    expect(squash(await concern.innerText())).toMatch(/^✓ Resolved “Checkpoint not mirrored outside LUMI” Raised by delegate-bsc for bsc, .* Only one copy of the weights exists\. Resolved by delegate-bsc, .*: Mirrored to Leonardo; digests match\.$/);
    const timeline = decision(id).timeline;
    const entries = page.locator('ol.timeline > li');
    expect(await entries.count()).toBe(timeline.length);
    expect(await entries.first().getAttribute('data-event')).toBe('proposal.opened');
    expect(squash(await entries.first().innerText())).toContain('Opened by delegate-charles-university; 16 binding and 8 advisory organisations in the electorate.');
    expect(squash(await entries.nth(3).innerText())).toContain('AMD Silo AI cast a binding ballot through Discord: −1 Reject.');
    expect(await entries.first().getAttribute('data-ledger-seq')).toBe(String(timeline[0]!.seq));
    expect(await page.locator('[data-verify]').count()).toBe(0);
    expect(await page.locator(`a[href="/api/v1/proposals/${id}/tally"]`).count()).toBeGreaterThan(0);
    expect(await page.locator('[data-demo-notice], [data-demo]').count()).toBe(0);
  });
});

describe('a withdrawn release vote whose card changed', () => {
  it('marks the invalidated ballots, says the card changed since, and shows the withdrawal', async () => {
    const id = 'fixture-release-v0-1-rc1';
    const page = await open(`decisions/${id}`);
    expect(await text(page, '[data-decision-status]')).toBe('↩ Withdrawn');
    expect(await page.locator('tr[data-status="invalidated"]').count()).toBe(4);
    expect(await text(page, 'tr[data-status="invalidated"] .status')).toMatch(/^⚠ invalidated: the subject changed after it was cast \(.*UTC\)$/);
    expect(await page.locator('tr[data-status="invalidated"] .option s').count()).toBe(4);
    expect(await text(page, '[data-card-changed]')).toMatch(/^⚠ the card has changed since \(now [0-9a-f]{12}…\)$/);
    expect(await text(page, 'li[data-event="proposal.subject_changed"]')).toContain('the model card changed');
    expect(await text(page, 'li[data-event="proposal.withdrawn"]')).toContain('Withdrawn by delegate-charles-university: “The card wording is being revised again');
    expect(await text(page, '[data-field="turnout"]')).toBe('2 of 16 binding organisations voted before it was withdrawn');
    expect(await page.locator('[data-decision-live]').count()).toBe(0);
  });
});

describe('secret votes', () => {
  it('while open: says ballots are secret and how many have voted, and shows no option anywhere', async () => {
    const page = await open('decisions/fixture-admit-member-2');
    expect(await text(page, '[data-secret-ballots]')).toMatch(/^Ballots are secret until the vote closes; 5 of 16 binding organisations have voted\./);
    expect(await text(page, '[data-field="verdict"]')).toBe('Ballots are secret until the vote closes; 5 of 16 have voted.');
    expect(await page.locator('table[data-ballots], [data-check], [data-counts]').count()).toBe(0);
    expect(await page.locator('tr[data-counted]').count()).toBe(5);
    const body = await page.locator('main').innerText();
    expect(body).not.toMatch(/\+1 Approve|−1 Reject|0 Abstain/);
    expect(await page.locator(`a[href="/api/v1/proposals/fixture-admit-member-2/ballots"]`).count()).toBe(0);
  });

  it('once closed: publishes every ballot with its receipt, option and salt, and how to verify', async () => {
    const id = 'fixture-admit-member';
    const page = await open(`decisions/${id}`);
    const ballots = decision(id).ballots!;
    expect(ballots.every((b) => b.receipt && b.salt)).toBe(true);
    expect(await page.locator('table[data-receipts] tbody tr').count()).toBe(ballots.length);
    const first = page.locator(`tr[data-receipt="${ballots[0]!.receipt}"]`);
    expect(squash(await first.innerText())).toBe(`${ballots[0]!.receipt} ${ballots[0]!.ballotId} −1 Reject ${ballots[0]!.salt}`);
    expect(await text(page, '[data-verify] pre')).toBe(`npm run agora -- tally verify ${id}`);
    expect(await page.locator(`[data-verify] a[href="/api/v1/proposals/${id}/tally/verify"]`).count()).toBe(1);
    expect(await text(page, 'li[data-event="proposal.closed"]')).toContain('11 secret ballots revealed with their salts');
  });
});

describe('closed votes', () => {
  it('blocked: the open concern says it blocks; the resolved one says how it was resolved', async () => {
    const page = await open('decisions/fixture-include-dclm');
    expect(await text(page, '[data-field="verdict"]')).toBe('⊘ Blocked. It would have passed, but a concern was still open at the close.');
    expect(await text(page, '[data-concern-state="open"] .state')).toBe('⊘ Open, blocks passing');
    expect(await text(page, '[data-concern-state="resolved"]')).toContain('Measured: 3% overlap, deduplicated in the mix.');
    expect(await text(page, '[data-closed-at]')).toMatch(/17 Nov 2026, 09:00 UTC, at its deadline$/);
    // Recorded by the clock's tick at 09:30; in effect at the deadline.
    expect(await text(page, 'li[data-event="proposal.closed"]')).toMatch(/Closed at its deadline: ⊘ blocked \(9 approve, 0 reject, 0 abstain\)\. Effective 17 Nov 2026, 09:00 UTC/);
    expect(await page.locator('li[data-event="proposal.reminder"]').count()).toBe(2);
  });

  it('rejected early, and no quorum (labelled demo)', async () => {
    const rejected = await open('decisions/fixture-policy-shorter-votes');
    expect(await text(rejected, '[data-field="verdict"]')).toMatch(/^✗ Rejected\./);
    expect(await text(rejected, '[data-closed-at]')).toContain('early: the outcome could no longer change');
    expect(await text(rejected, '[data-check="threshold"]')).toContain('✗ not met');
    const noQuorum = await open('decisions/fixture-deprecate-starcoder');
    expect(await text(noQuorum, '[data-field="verdict"]')).toBe('∅ No quorum. Too few binding organisations voted.');
    expect(await noQuorum.locator('[data-demo-notice]').textContent()).toContain('It is not a decision of the consortium');
    expect(await noQuorum.locator('.status-line [data-demo]').count()).toBe(1);
    expect(await text(noQuorum, '[data-no-concerns]')).toBe('Decisions of this kind take no blocking concerns.');
  });
});
