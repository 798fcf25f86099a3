import { createHmac } from 'node:crypto';
import { and, inArray, isNull } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { tables } from '../../db/index.ts';
import type { IssueJson } from '../helpers/fake-github.ts';
import { REPOSITORY, startGitHubHub, WEBHOOK_SECRET, type GitHubHub, type HubPerson } from '../helpers/github-hub.ts';
import { aboutIssue, datasetBody } from '../helpers/github-payloads.ts';
import { COUNTS, planChaos, seededRandom, type Send } from './deliveries-chaos-mix.ts';

const DELEGATES = ['charles-university', 'university-of-helsinki', 'university-of-oslo', 'bsc', 'cineca', 'csc'].map((organization) => ({ id: `delegate-${organization}`, organization, roles: ['delegate'], github: `delegate-${organization}` }));
const PEOPLE: HubPerson[] = [{ id: 'sam-steward', organization: 'fraunhofer-iais', roles: ['data_steward'], github: 'sam-steward' }, ...DELEGATES];
const IN_FLIGHT = 16;

type Json = Record<string, any>;
const json = async (response: Response) => (await response.json()) as Json;
const plain = (text: string) => text.replaceAll('\\', '');

/** Sends as GitHub would: several deliveries in flight at once; forged ones signed wrongly, or not at all. */
async function sendAll(hub: GitHubHub, sends: Send[]): Promise<Map<string, number[]>> {
  const statuses = new Map<string, number[]>();
  let next = 0;
  const send = async ({ guid, event, payload, forged }: Send) => {
    if (forged !== 'tampered') return hub.deliver(event, payload, { id: guid, secret: forged === 'wrong-secret' ? 'guessed-secret' : forged === 'unsigned' ? null : WEBHOOK_SECRET });
    // Signed for the body GitHub sent, delivered with a changed one.
    const body = JSON.stringify(payload);
    const signature = `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')}`;
    return fetch(`${hub.hub.url}/webhooks/github`, { method: 'POST', body: body.replace('"opened"', '"edited"').replace('/status', '/vote approve'), headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': guid, 'x-hub-signature-256': signature } });
  };
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < sends.length) {
        const entry = sends[next++]!;
        const response = await send(entry);
        await response.body?.cancel();
        statuses.set(entry.guid, [...(statuses.get(entry.guid) ?? []), response.status]);
      }
    }),
  );
  return statuses;
}

/** Ledger entries after `after`, every page. */
async function ledgerAfter(hub: GitHubHub, after: number): Promise<Json[]> {
  const entries: Json[] = [];
  for (let cursor: string | null = String(after); cursor !== null; ) {
    const page = await json(await hub.api(`/api/v1/events?after=${cursor}&limit=1000`));
    entries.push(...page.items);
    cursor = page.next;
  }
  return entries;
}

/** Settles until nothing is queued anywhere (the hub's own loops run beside the test's). */
async function settleFully(hub: GitHubHub) {
  for (let round = 0; round < 10; round++) {
    await hub.settle();
    const waiting = await hub.db.select().from(tables.outbox).where(and(isNull(tables.outbox.deliveredAt), isNull(tables.outbox.deadAt)));
    const health = await json(await hub.api('/api/v1/health'));
    if (waiting.length === 0 && health.queues.githubDeliveries.queued === 0) return;
  }
  throw new Error('the hub did not settle');
}

describe('1,000 deliveries in random order, duplicated and forged', () => {
  let hub: GitHubHub | undefined;
  afterEach(async () => hub?.close());

  it('stores and applies each valid delivery once, refuses every forged one, and each effect happens exactly once', async () => {
    const seed = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 2 ** 32));
    console.log(`deliveries-chaos seed ${seed} (replay with CHAOS_SEED=${seed})`);
    const random = seededRandom(seed);
    hub = await startGitHubHub({ people: PEOPLE });
    const { github } = hub;

    // Before the chaos: nominations to vote on (under review, put to the vote) and nominations for a steward to triage.
    const file = async (name: string) => {
      const issue = github.seedIssue(REPOSITORY, { title: name, body: datasetBody({ name }), user: 'outside-researcher', labels: ['agora:type/dataset'] });
      await hub!.deliver('issues', aboutIssue('opened', issue));
      return issue;
    };
    const voteIssues: IssueJson[] = [];
    for (let index = 0; index < 4; index++) voteIssues.push(await file(`Voted corpus ${index}`));
    const transitionIssues: IssueJson[] = [];
    for (let index = 0; index < 30; index++) transitionIssues.push(await file(`Triaged corpus ${index}`));
    await settleFully(hub);
    const issueRows = async () => hub!.db.select().from(tables.githubIssues);
    const requestOf = new Map((await issueRows()).map((row) => [row.number, row.requestId!]));
    const steward = (await json(await hub.api('/api/v1/tokens', { method: 'POST', token: hub.adminToken, body: JSON.stringify({ name: 'steward', scopes: ['write'], memberId: 'sam-steward' }) }))).secret as string;
    const proposalOf = new Map<number, string>();
    for (const issue of voteIssues) {
      const id = requestOf.get(issue.number)!;
      for (const transition of ['triage', 'start_review'])
        expect((await hub.api(`/api/v1/requests/${id}/transitions`, { method: 'POST', token: steward, body: JSON.stringify({ transition }) })).status).toBe(200);
      proposalOf.set(issue.number, (await json(await hub.api(`/api/v1/requests/${id}/vote`, { method: 'POST', token: steward, body: '{}' }))).linkedProposalId);
    }
    await settleFully(hub);
    const ledgerHead = (await ledgerAfter(hub, 0)).at(-1)!.seq as number;
    const callsBefore = github.calls.length;

    const plan = planChaos({ random, github, voteIssues, transitionIssues, delegates: DELEGATES.map((person) => person.github), steward: 'sam-steward' });
    const started = Date.now();
    const statuses = await sendAll(hub, plan.sends);
    await settleFully(hub);
    console.log(`deliveries-chaos: ${plan.sends.length} sends applied and synced in ${Date.now() - started} ms; ${github.calls.length - callsBefore} calls to GitHub`);

    // Forged: 401 each, no row, no effect.
    for (const forged of plan.forged) expect(statuses.get(forged.guid), forged.guid).toEqual([401]);
    const forgedRows = await hub.db.select().from(tables.githubDeliveries).where(inArray(tables.githubDeliveries.id, plan.forged.map((forged) => forged.guid)));
    expect(forgedRows).toEqual([]);
    for (const ghost of plan.ghosts) expect(github.comments(REPOSITORY, ghost.number), `ghost #${ghost.number}`).toEqual([]);
    const rows = await issueRows();
    expect(rows.filter((row) => plan.ghosts.some((ghost) => ghost.number === row.number))).toEqual([]);

    // Valid: one row per GUID, applied, its redelivery counted; answered 202 once and 200 for the copy.
    const deliveries = new Map((await hub.db.select().from(tables.githubDeliveries).where(inArray(tables.githubDeliveries.id, plan.valid.map((planned) => planned.guid)))).map((row) => [row.id, row]));
    expect(deliveries.size).toBe(plan.valid.length);
    for (const planned of plan.valid) {
      const row = deliveries.get(planned.guid)!;
      expect([row.state, row.duplicates, row.attempts], planned.guid).toEqual(['applied', planned.sends - 1, 1]);
      expect([...statuses.get(planned.guid)!].sort(), planned.guid).toEqual(planned.sends === 2 ? [200, 202] : [202]);
    }
    // Some edits were applied before the issue they edit was opened.
    const seqOf = (kind: string, issue: number) => deliveries.get(plan.valid.find((planned) => planned.kind === kind && planned.issue === issue)!.guid)!.seq;
    expect(plan.editedFirst.filter((issue) => seqOf('edited', issue) < seqOf('opened', issue)).length).toBeGreaterThan(0);

    // Requests: one per issue whose newest view is a valid form, with the newest body.
    const { items: requests } = await json(await hub.api('/api/v1/requests?limit=500', { token: hub.adminToken }));
    const byId = new Map((requests as Json[]).map((request) => [request.id, request]));
    expect(requests).toHaveLength(34 + plan.chaosIssues.filter((chaos) => chaos.finalName).length);
    for (const chaos of plan.chaosIssues) {
      const row = rows.find((candidate) => candidate.number === chaos.issue.number)!;
      const labels = github.labels(REPOSITORY, chaos.issue.number).sort();
      if (chaos.finalName) {
        expect(byId.get(row.requestId!)?.details.name, `#${chaos.issue.number}`).toBe(chaos.finalName);
        expect(labels).toEqual(['agora:state/submitted', 'agora:type/dataset']);
      } else {
        expect(row.requestId, `#${chaos.issue.number}`).toBeNull();
        expect(labels).toEqual(['agora:needs-info', 'agora:type/dataset']);
      }
    }
    for (const issue of transitionIssues) expect(byId.get(requestOf.get(issue.number)!)!.state).toBe('triaged');

    // Ledger: one ballot per member's vote comment, one transition per steward's command, one filing per request; chain intact.
    const entries = await ledgerAfter(hub, ledgerHead);
    const votes = plan.valid.filter((planned) => planned.kind === 'vote');
    expect(entries.filter((entry) => entry.type === 'ballot.cast')).toHaveLength(votes.length);
    expect(entries.filter((entry) => entry.type === 'request.transitioned')).toHaveLength(transitionIssues.length);
    expect(entries.filter((entry) => entry.type === 'request.filed')).toHaveLength(plan.chaosIssues.filter((chaos) => chaos.finalName).length);
    for (const issue of voteIssues) {
      const { items: ballots } = await json(await hub.api(`/api/v1/proposals/${proposalOf.get(issue.number)}/ballots`, { token: hub.adminToken }));
      expect(ballots, `ballots on #${issue.number}`).toHaveLength(votes.filter((planned) => planned.issue === issue.number).length);
    }
    expect(await json(await hub.api('/api/v1/ledger/verify'))).toMatchObject({ ok: true });

    // GitHub: one status comment per issue the hub follows, one reply per command comment, none for the rest.
    for (const issue of [...voteIssues, ...transitionIssues, ...plan.chaosIssues.map((chaos) => chaos.issue)])
      expect(github.comments(REPOSITORY, issue.number).filter((comment) => comment.body.startsWith('<!-- agora:status -->')), `status on #${issue.number}`).toHaveLength(1);
    const expectedReply: Record<string, RegExp | null> = {
      plain: null,
      // A `/status` that GitHub delivered before the issue's `opened` is answered that the hub does not follow it (yet).
      status: /✅ `\/status`|❌ `\/status` — This issue is not one the hub follows/,
      vote: /✅ `\/vote .*` — Recorded: /,
      'vote-not-member': /not in the consortium registry/,
      'vote-no-vote': /There is no vote on this issue/,
      transition: /✅ `\/transition triaged in scope` — Done: the request is now triaged/,
      'transition-refused': /❌ `\/transition (triaged|accepted)`/,
    };
    for (const planned of plan.valid.filter((candidate) => candidate.comment)) {
      const replies = github.comments(REPOSITORY, planned.issue!).filter((comment) => comment.body.startsWith(`<!-- agora:reply:${planned.comment!.id} -->`));
      const pattern = expectedReply[planned.kind];
      expect(replies.length, `${planned.kind} ${planned.guid}`).toBe(pattern ? 1 : 0);
      if (pattern) expect(plain(replies[0]!.body), `${planned.kind} ${planned.guid}`).toMatch(pattern);
    }
    for (const forged of plan.forged.filter((entry) => entry.comment))
      expect(github.comments(REPOSITORY, forged.issue!).filter((comment) => comment.body.startsWith(`<!-- agora:reply:${forged.comment!.id} -->`))).toEqual([]);
    // Every reply and status comment was posted once; labels were never added while there.
    const posted = github
      .callsTo('POST', /^\/repos\/agora\/requests\/issues\/\d+\/comments$/)
      .filter((call) => call.status === 201)
      .map((call) => `${call.path} ${(call.body as { body: string }).body.split('\n')[0]}`);
    expect(posted.length).toBe(new Set(posted).size);
    for (const issue of [...voteIssues, ...transitionIssues, ...plan.chaosIssues.map((chaos) => chaos.issue)]) {
      const added = github.callsTo('POST', `/repos/${REPOSITORY}/issues/${issue.number}/labels`).filter((call) => call.status === 200).flatMap((call) => (call.body as { labels: string[] }).labels);
      const removed = github.callsTo('DELETE', new RegExp(`^/repos/${REPOSITORY}/issues/${issue.number}/labels/`)).filter((call) => call.status === 200).map((call) => decodeURIComponent(call.path.split('/').at(-1)!));
      for (const name of new Set(added)) expect(added.filter((label) => label === name).length, `${name} on #${issue.number}`).toBeLessThanOrEqual(removed.filter((label) => label === name).length + 1);
    }
    expect((await json(await hub.api('/api/v1/health'))).queues).toMatchObject({ deadLetters: 0, githubDeliveries: { queued: 0, failed: 0 } });
    expect(COUNTS.sends).toBe(statuses.size + COUNTS.duplicates);
  }, 120_000);
});
