import { and, isNull } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { tables } from '../../db/index.ts';
import { REPOSITORY, startGitHubHub, type GitHubHub, type HubPerson } from '../helpers/github-hub.ts';
import { aboutComment, aboutIssue, datasetBody } from '../helpers/github-payloads.ts';

const PEOPLE: HubPerson[] = [{ id: 'sam-steward', organization: 'fraunhofer-iais', roles: ['data_steward'], github: 'sam-steward' }];
const HOUR = 3_600_000;

type Json = Record<string, any>;
type Issue = ReturnType<GitHubHub['github']['seedIssue']>;
const json = async (response: Response) => (await response.json()) as Json;

async function openIssue(hub: GitHubHub, name: string): Promise<Issue> {
  const issue = hub.github.seedIssue(REPOSITORY, { title: `Nominate ${name}`, body: datasetBody({ name }), user: 'outside-researcher', labels: ['agora:type/dataset'] });
  expect((await hub.deliver('issues', aboutIssue('opened', issue))).status).toBe(202);
  return issue;
}

async function comment(hub: GitHubHub, issue: Issue, user: string, body: string) {
  const created = hub.github.seedComment(REPOSITORY, issue.number, { body, user });
  expect((await hub.deliver('issue_comment', aboutComment('created', issue as never, created as never))).status).toBe(202);
  return created;
}

async function requestOf(hub: GitHubHub, name: string): Promise<Json> {
  const { items } = await json(await hub.api('/api/v1/requests?limit=500', { token: hub.adminToken }));
  const found = (items as Json[]).filter((request) => request.details.name === name);
  expect(found).toHaveLength(1);
  return found[0]!;
}

async function transition(hub: GitHubHub, requestId: string, name: string) {
  const token = (await json(await hub.api('/api/v1/tokens', { method: 'POST', token: hub.adminToken, body: JSON.stringify({ name: 'steward', scopes: ['write'], memberId: 'sam-steward' }) }))).secret as string;
  expect((await hub.api(`/api/v1/requests/${requestId}/transitions`, { method: 'POST', token, body: JSON.stringify({ transition: name }) })).status).toBe(200);
}

/** Past every backoff, then everything applied, mapped and delivered. */
async function catchUp(hub: GitHubHub) {
  hub.clock.advance(2 * HOUR);
  await hub.settle();
}

const undelivered = async (hub: GitHubHub) => (await hub.db.select().from(tables.outbox).where(and(isNull(tables.outbox.deliveredAt), isNull(tables.outbox.deadAt)))).length;
const commentCalls = (hub: GitHubHub, method: 'POST' | 'PATCH', ok: number) => hub.github.calls.filter((call) => call.method === method && /\/issues\/(\d+\/)?comments(\/\d+)?$/.test(call.path) && call.status === ok);

/** Every label the bot added to an issue, over all its calls: none is added again while it is there. */
function expectNoLabelAddedTwice(hub: GitHubHub, issue: Issue) {
  const added = hub.github.callsTo('POST', `/repos/${REPOSITORY}/issues/${issue.number}/labels`).filter((call) => call.status === 200).flatMap((call) => (call.body as { labels: string[] }).labels);
  const removed = hub.github.callsTo('DELETE', new RegExp(`^/repos/${REPOSITORY}/issues/${issue.number}/labels/`)).filter((call) => call.status === 200).map((call) => decodeURIComponent(call.path.split('/').at(-1)!));
  for (const name of new Set(added)) expect(added.filter((label) => label === name).length, `${name} on #${issue.number}`).toBeLessThanOrEqual(removed.filter((label) => label === name).length + 1);
}

/** What each issue should show once GitHub is back: one status comment with its state, its labels, one reply per command comment. */
function expectIssue(hub: GitHubHub, issue: Issue, state: string, replyTo: number[] = []) {
  const comments = hub.github.comments(REPOSITORY, issue.number);
  const statuses = comments.filter((c) => c.body.startsWith('<!-- agora:status -->'));
  expect(statuses, `status comments on #${issue.number}`).toHaveLength(1);
  expect(statuses[0]!.body).toContain(`**${state.replaceAll('_', ' ')}**`);
  expect(hub.github.labels(REPOSITORY, issue.number).sort()).toEqual([`agora:state/${state}`, 'agora:type/dataset']);
  for (const id of replyTo) expect(comments.filter((c) => c.body.startsWith(`<!-- agora:reply:${id} -->`)), `replies to ${id}`).toHaveLength(1);
  expectNoLabelAddedTwice(hub, issue);
}

describe('GitHub outages', () => {
  let hub: GitHubHub | undefined;
  afterEach(async () => hub?.close());

  it('keeps every write through 500s and secondary rate limits, then makes each once, editing status comments in place', async () => {
    hub = await startGitHubHub({ people: PEOPLE });
    const { github } = hub;
    const [first, second, third] = [await openIssue(hub, 'First corpus'), await openIssue(hub, 'Second corpus'), await openIssue(hub, 'Third corpus')];
    await hub.settle();
    expect(commentCalls(hub, 'POST', 201)).toHaveLength(3);

    github.failFor(Infinity, { status: 500 });
    const move = await comment(hub, first!, 'sam-steward', '/transition triaged');
    await transition(hub, (await requestOf(hub, 'Second corpus')).id, 'triage');
    const fourth = await openIssue(hub, 'Fourth corpus');
    const ask = await comment(hub, third!, 'outside-researcher', '/status');
    await hub.settle();
    expect(github.calls.filter((call) => call.status === 500).length).toBeGreaterThan(0);
    const waiting = await undelivered(hub);
    expect(waiting).toBeGreaterThan(0);

    // Still down, now as a secondary rate limit that says when to come back.
    github.recover();
    github.failFor(Infinity, { status: 429, secondary: true, retryAfterSeconds: 1 });
    await catchUp(hub);
    expect(github.calls.filter((call) => call.status === 429).length).toBeGreaterThan(0);
    expect(await undelivered(hub)).toBe(waiting);
    expect(github.comments(REPOSITORY, fourth.number)).toEqual([]);

    github.recover();
    await catchUp(hub);
    expect(await undelivered(hub)).toBe(0);
    expectIssue(hub, first!, 'triaged', [move.id]);
    expectIssue(hub, second!, 'triaged');
    expectIssue(hub, third!, 'submitted', [ask.id]);
    expectIssue(hub, fourth, 'submitted');
    // Posted once each: three status comments before, the fourth's and two replies after; the moved ones edited.
    expect(commentCalls(hub, 'POST', 201)).toHaveLength(6);
    const edited = new Set(commentCalls(hub, 'PATCH', 200).map((call) => Number(call.path.split('/').at(-1))));
    for (const issue of [first!, second!]) expect(edited).toContain(github.comments(REPOSITORY, issue.number)[0]!.id);
    const health = await json(await hub.api('/api/v1/health'));
    expect(health.queues).toMatchObject({ outbox: {}, deadLetters: 0, githubDeliveries: { queued: 0, failed: 0 } });
  });

  it('keeps every write while GitHub refuses connections, and makes each once when it is back', async () => {
    hub = await startGitHubHub({ people: PEOPLE });
    const { github } = hub;
    const first = await openIssue(hub, 'First corpus');
    await hub.settle();

    await github.down();
    const move = await comment(hub, first, 'sam-steward', '/transition triaged');
    const second = await openIssue(hub, 'Second corpus');
    await hub.settle();
    const calls = github.calls.length;
    await catchUp(hub);
    expect(github.calls.length).toBe(calls); // nothing reached it
    expect(await undelivered(hub)).toBeGreaterThan(0);

    await github.up();
    await catchUp(hub);
    expect(await undelivered(hub)).toBe(0);
    expectIssue(hub, first, 'triaged', [move.id]);
    expectIssue(hub, second, 'submitted');
    expect(commentCalls(hub, 'POST', 201)).toHaveLength(3);
  });

  it('resumes after a restart in the middle of an outage from the outbox, the delivery queue and the feed cursor, without duplicates', async () => {
    hub = await startGitHubHub({ people: PEOPLE });
    const { github } = hub;
    const first = await openIssue(hub, 'First corpus');
    const second = await openIssue(hub, 'Second corpus');
    await hub.settle();

    await github.down();
    const move = await comment(hub, first, 'sam-steward', '/transition triaged');
    await hub.settle();
    // Not yet applied or mapped when the hub stops: a new issue, a command, a change through the API.
    const third = await openIssue(hub, 'Third corpus');
    const ask = await comment(hub, second, 'outside-researcher', '/status');
    await transition(hub, (await requestOf(hub, 'Second corpus')).id, 'triage');
    const waiting = await undelivered(hub);
    expect(waiting).toBeGreaterThan(0);

    await hub.restart();
    await github.up();
    await catchUp(hub);
    expect(await undelivered(hub)).toBe(0);
    expectIssue(hub, first, 'triaged', [move.id]);
    expectIssue(hub, second, 'triaged', [ask.id]);
    expectIssue(hub, third, 'submitted');
    expect(commentCalls(hub, 'POST', 201)).toHaveLength(5);
    // The feed has mapped the whole ledger, and each request was filed once.
    const events = (await json(await hub.api('/api/v1/events?after=0&limit=1000'))).items as Json[];
    const feed = (await hub.db.select().from(tables.botCursors)).find((row) => row.name === 'feed:github');
    expect(Number(feed!.value)).toBe(events.at(-1)!.seq);
    expect(events.filter((entry) => entry.type === 'request.filed')).toHaveLength(3);
    expect(events.filter((entry) => entry.type === 'request.transitioned')).toHaveLength(2);
  });
});
