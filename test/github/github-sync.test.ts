import { count, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../api/cli.ts';
import { tables } from '../../db/index.ts';
import { REPOSITORY, startGitHubHub, type GitHubHub, type HubPerson } from '../helpers/github-hub.ts';
import { aboutComment, aboutIssue, datasetBody } from '../helpers/github-payloads.ts';

const PEOPLE: HubPerson[] = [{ id: 'sam-steward', organization: 'fraunhofer-iais', roles: ['data_steward'], github: 'sam-steward' }];

type Json = Record<string, any>;
const json = async (response: Response) => (await response.json()) as Json;
const requests = async (hub: GitHubHub) => (await json(await hub.api('/api/v1/requests?limit=500', { token: hub.adminToken }))).items as Json[];
const ledger = async (hub: GitHubHub) => (await json(await hub.api('/api/v1/events?after=0&limit=1000'))).items as Json[];
const deliveryCount = async (hub: GitHubHub) => (await hub.db.select({ n: count() }).from(tables.githubDeliveries))[0]!.n;
/** Writes the bot made on the fake (anything but reads and token exchanges). */
const writes = (hub: GitHubHub) => hub.github.calls.filter((call) => call.method !== 'GET' && !call.path.endsWith('/access_tokens'));
const replies = (hub: GitHubHub, issue: number, commentId: number) => hub.github.comments(REPOSITORY, issue).filter((comment) => comment.body.startsWith(`<!-- agora:reply:${commentId} -->`));

/** `npm run agora -- github sync …`, run in this process against the hub's database and the fake. */
async function githubSync(hub: GitHubHub, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['github', 'sync', ...args], hub.env, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('github sync catches up with webhooks that never came', () => {
  let hub: GitHubHub | undefined;
  afterEach(async () => hub?.close());

  /** An issue the hub filed, then two things GitHub never delivers: a new issue, and a steward's command on the first. */
  async function dropTwoWebhooks(hub: GitHubHub) {
    const { github } = hub;
    const seen = github.seedIssue(REPOSITORY, { title: 'Seen corpus', body: datasetBody({ name: 'Seen corpus' }), user: 'outside-researcher', labels: ['agora:type/dataset'] });
    await hub.deliver('issues', aboutIssue('opened', seen));
    await hub.settle();
    const [seenRequest] = await requests(hub);
    const dropped = github.seedIssue(REPOSITORY, { title: 'Dropped corpus', body: datasetBody({ name: 'Dropped corpus' }), user: 'outside-researcher', labels: ['agora:type/dataset'] });
    const command = github.seedComment(REPOSITORY, seen.number, { body: '/transition triaged in scope', user: 'sam-steward' });
    return { seen, seenRequest: seenRequest!, dropped, command };
  }

  /** What the sync should have done: the dropped issue filed once, the command run once, each answered once. */
  async function expectCaughtUpOnce(hub: GitHubHub, { seen, seenRequest, dropped, command }: Awaited<ReturnType<typeof dropTwoWebhooks>>) {
    const { github } = hub;
    expect((await requests(hub)).map((request) => [request.details.name, request.state]).sort()).toEqual([
      ['Dropped corpus', 'submitted'],
      ['Seen corpus', 'triaged'],
    ]);
    expect((await json(await hub.api(`/api/v1/requests/${seenRequest.id}`, { token: hub.adminToken }))).state).toBe('triaged');
    expect(github.comments(REPOSITORY, dropped.number).map((comment) => comment.body.split('\n')[0])).toEqual(['<!-- agora:status -->']);
    expect(github.comments(REPOSITORY, seen.number).map((comment) => comment.body.split('\n')[0])).toEqual(['<!-- agora:status -->', '/transition triaged in scope', `<!-- agora:reply:${command.id} -->`]);
    expect(github.labels(REPOSITORY, dropped.number).sort()).toEqual(['agora:state/submitted', 'agora:type/dataset']);
    expect(github.labels(REPOSITORY, seen.number).sort()).toEqual(['agora:state/triaged', 'agora:type/dataset']);
    expect(replies(hub, seen.number, command.id)[0]!.body).toContain('✅ `/transition triaged in scope` — Done\\: the request is now triaged');
    expect((await ledger(hub)).filter((entry) => entry.type === 'request.transitioned')).toHaveLength(1);
  }

  it('files a dropped issue and runs a dropped command once; a second sync and the late webhooks change nothing; a dry run only lists', async () => {
    hub = await startGitHubHub({ people: PEOPLE });
    const { github } = hub;
    const dropped = await dropTwoWebhooks(hub);

    const beforeDry = { deliveries: await deliveryCount(hub), writes: writes(hub).length, ledger: (await ledger(hub)).length };
    const dry = (await hub.hub.github.sync({ dryRun: true }))!;
    expect(dry.caughtUp).toContain(`sync:comment:${dropped.command.id}:${dropped.command.updated_at}`);
    expect(dry.caughtUp.filter((id) => id.startsWith(`sync:issue:${dropped.dropped.id}:`))).toEqual([`sync:issue:${dropped.dropped.id}:${dropped.dropped.updated_at}:opened`]);
    // The issue the hub filed is at most listed as edited (the bot's own labels moved its updated_at), never as new.
    expect(dry.caughtUp.filter((id) => id.startsWith(`sync:issue:${dropped.seen.id}:`) && id.endsWith(':opened'))).toEqual([]);
    await hub.settle();
    expect({ deliveries: await deliveryCount(hub), writes: writes(hub).length, ledger: (await ledger(hub)).length }).toEqual(beforeDry);
    expect(await requests(hub)).toHaveLength(1);

    const sync = (await hub.hub.github.sync())!;
    expect(sync.caughtUp).toEqual(expect.arrayContaining(dry.caughtUp));
    await hub.settle();
    await expectCaughtUpOnce(hub, dropped);

    // Once more: nothing new to catch up, nothing written, nothing recorded.
    const settled = { requests: await requests(hub), ledger: await ledger(hub), writes: writes(hub).length };
    const again = (await hub.hub.github.sync())!;
    await hub.settle();
    expect(again.caughtUp.filter((id) => id.endsWith(':opened') || id.startsWith(`sync:comment:${dropped.command.id}:`))).toEqual([]);
    expect({ requests: await requests(hub), ledger: await ledger(hub), writes: writes(hub).length }).toEqual(settled);

    // The webhooks arrive after all (GitHub retried them): stored, applied, and nothing happens twice.
    expect((await hub.deliver('issues', aboutIssue('opened', dropped.dropped))).status).toBe(202);
    expect((await hub.deliver('issue_comment', aboutComment('created', dropped.seen as never, dropped.command as never))).status).toBe(202);
    await hub.settle();
    expect(await requests(hub)).toEqual(settled.requests);
    expect(await ledger(hub)).toEqual(settled.ledger);
    await expectCaughtUpOnce(hub, dropped);
    expect(github.callsTo('POST', /\/issues\/\d+\/comments$/).filter((call) => call.status === 201)).toHaveLength(3);
  });

  it('does the same as `npm run agora -- github sync` beside the running hub, and --dry-run prints what it would apply', async () => {
    hub = await startGitHubHub({ people: PEOPLE });
    const dropped = await dropTwoWebhooks(hub);
    const deliveriesBefore = await deliveryCount(hub);

    const dry = await githubSync(hub, '--dry-run');
    expect(dry).toMatchObject({ code: 0, err: '' });
    expect(dry.out).toMatch(/^Dry run: would apply \d+ change\(s\) on agora\/requests \(2 issue\(s\) and 2 comment\(s\) updated since the beginning\)\./);
    expect(dry.out).toContain(`  sync:issue:${dropped.dropped.id}:${dropped.dropped.updated_at}:opened`);
    expect(dry.out).toContain(`  sync:comment:${dropped.command.id}:${dropped.command.updated_at}`);
    expect(await deliveryCount(hub)).toBe(deliveriesBefore);

    // While the CLI applies and delivers what it caught up, the hub does the same work on its own;
    // a slow GitHub keeps both at it long enough to meet on the same messages.
    hub.github.setLatency(20);
    let isSyncing = true;
    const syncing = githubSync(hub).finally(() => (isSyncing = false));
    while (isSyncing) {
      await hub.hub.github.queue.applyQueued();
      await hub.hub.github.feed.consume();
      await hub.hub.deliverOutbox();
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const sync = await syncing;
    expect(sync).toMatchObject({ code: 0, err: '' });
    expect(sync.out).toMatch(/^Caught up \d+ change\(s\) on agora\/requests/);
    await hub.settle();
    // Two deliverers on one outbox: still one status comment and one reply each.
    await expectCaughtUpOnce(hub, dropped);
  });
});

describe('github sync as a GitHub App', () => {
  let hub: GitHubHub | undefined;
  afterEach(async () => hub?.close());

  it('asks GitHub to redeliver the failed deliveries the hub never stored, and only those', async () => {
    hub = await startGitHubHub({ auth: 'app' });
    const { github } = hub;
    const lost = github.seedIssue(REPOSITORY, { title: 'Lost corpus', body: datasetBody({ name: 'Lost corpus' }), user: 'outside-researcher', labels: ['agora:type/dataset'] });
    const stored = github.seedIssue(REPOSITORY, { title: 'Stored corpus', body: datasetBody({ name: 'Stored corpus' }), user: 'outside-researcher', labels: ['agora:type/dataset'] });
    // GitHub's log: one delivery the hub never answered, one it stored though GitHub saw it time out, one fine.
    const failed = github.seedDelivery({ guid: 'lost-guid', event: 'issues', action: 'opened', status_code: 502, status: 'Invalid HTTP Response: 502', payload: aboutIssue('opened', lost) });
    const timedOut = github.seedDelivery({ guid: 'stored-guid', event: 'issues', action: 'opened', status_code: 0, status: 'timed out', payload: aboutIssue('opened', stored) });
    github.seedDelivery({ guid: 'fine-guid', event: 'ping', status_code: 202, status: 'OK', payload: { zen: 'hi' } });
    expect((await hub.deliver('issues', aboutIssue('opened', stored), { id: 'stored-guid' })).status).toBe(202);
    await hub.settle();
    // GitHub redelivers as the original: same GUID, same payload, signed.
    github.onRedelivery(async (delivery) => (await hub!.deliver(delivery.event, delivery.payload, { id: delivery.guid })).status);

    const dry = await githubSync(hub, '--dry-run');
    expect(dry.out).toContain('Would ask GitHub to redeliver 1 failed delivery(ies): lost-guid');
    expect(github.callsTo('POST', /\/attempts$/)).toEqual([]);

    const sync = await githubSync(hub);
    expect(sync.code).toBe(0);
    expect(sync.out).toContain('Asked GitHub to redeliver 1 failed delivery(ies): lost-guid');
    expect(github.callsTo('POST', /^\/app\/hook\/deliveries\/\d+\/attempts$/).map((call) => call.path)).toEqual([`/app/hook/deliveries/${failed.id}/attempts`]);
    expect(github.callsTo('POST', `/app/hook/deliveries/${timedOut.id}/attempts`)).toEqual([]);
    await github.settled();
    await hub.settle();

    const [row] = await hub.db.select().from(tables.githubDeliveries).where(eq(tables.githubDeliveries.id, 'lost-guid'));
    expect(row).toMatchObject({ state: 'applied', duplicates: 0 });
    expect((await requests(hub)).map((request) => request.details.name).sort()).toEqual(['Lost corpus', 'Stored corpus']);
    expect(github.deliveries()[0]).toMatchObject({ guid: 'lost-guid', redelivery: true, status: 'OK', status_code: 202 });

    // Redelivered and stored: the next sync asks for nothing.
    await githubSync(hub);
    expect(github.callsTo('POST', /\/attempts$/)).toHaveLength(1);
  });
});
