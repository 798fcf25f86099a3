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

  it('files a dropped issue and runs a dropped command once; a second sync and the late webhooks change nothing; --dry-run only lists', async () => {
    hub = await startGitHubHub({ people: PEOPLE });
    const { github } = hub;
    const seen = github.seedIssue(REPOSITORY, { title: 'Seen corpus', body: datasetBody({ name: 'Seen corpus' }), user: 'outside-researcher', labels: ['agora:type/dataset'] });
    await hub.deliver('issues', aboutIssue('opened', seen));
    await hub.settle();
    const [seenRequest] = await requests(hub);

    // GitHub never delivers these two: an issue opened, and a steward's command on the issue the hub knows.
    const dropped = github.seedIssue(REPOSITORY, { title: 'Dropped corpus', body: datasetBody({ name: 'Dropped corpus' }), user: 'outside-researcher', labels: ['agora:type/dataset'] });
    const command = github.seedComment(REPOSITORY, seen.number, { body: '/transition triaged in scope', user: 'sam-steward' });

    const beforeDry = { deliveries: await deliveryCount(hub), writes: writes(hub).length, ledger: (await ledger(hub)).length };
    const dry = await githubSync(hub, '--dry-run');
    expect(dry).toMatchObject({ code: 0, err: '' });
    expect(dry.out).toContain(`Dry run: would apply`);
    expect(dry.out).toContain(`sync:issue:${dropped.id}:`);
    expect(dry.out).toContain(`sync:comment:${command.id}:`);
    // The issue the hub filed is listed only as edited (the bot's own labels moved its updated_at), never as new.
    expect(dry.out).not.toMatch(new RegExp(`sync:issue:${seen.id}:\\S+:opened`));
    await hub.settle();
    expect({ deliveries: await deliveryCount(hub), writes: writes(hub).length, ledger: (await ledger(hub)).length }).toEqual(beforeDry);
    expect(await requests(hub)).toHaveLength(1);

    const sync = await githubSync(hub);
    expect(sync).toMatchObject({ code: 0, err: '' });
    expect(sync.out).toMatch(/^Caught up \d+ change\(s\) on agora\/requests/);
    await hub.settle();
    const filed = (await requests(hub)).find((request) => request.details.name === 'Dropped corpus');
    expect(filed).toMatchObject({ state: 'submitted' });
    expect(await requests(hub)).toHaveLength(2);
    expect((await json(await hub.api(`/api/v1/requests/${seenRequest!.id}`, { token: hub.adminToken }))).state).toBe('triaged');
    expect(github.comments(REPOSITORY, dropped.number).filter((comment) => comment.body.startsWith('<!-- agora:status -->'))).toHaveLength(1);
    expect(github.labels(REPOSITORY, dropped.number).sort()).toEqual(['agora:state/submitted', 'agora:type/dataset']);
    expect(github.labels(REPOSITORY, seen.number).sort()).toEqual(['agora:state/triaged', 'agora:type/dataset']);
    expect(replies(hub, seen.number, command.id)).toHaveLength(1);
    expect(replies(hub, seen.number, command.id)[0]!.body).toContain('Done: the request is now triaged.');

    // Once more: nothing left to catch up, nothing written, nothing recorded.
    const settled = { requests: await requests(hub), ledger: await ledger(hub), writes: writes(hub).length };
    const again = await githubSync(hub);
    expect(again.code).toBe(0);
    await hub.settle();
    expect(again.out).not.toMatch(/sync:issue:\S+:opened/);
    expect(again.out).not.toContain(`sync:comment:${command.id}:`);
    expect({ requests: await requests(hub), ledger: await ledger(hub), writes: writes(hub).length }).toEqual(settled);

    // The webhooks arrive after all (GitHub retried them): stored, applied, and nothing happens twice.
    expect((await hub.deliver('issues', aboutIssue('opened', dropped))).status).toBe(202);
    expect((await hub.deliver('issue_comment', aboutComment('created', seen as never, command as never))).status).toBe(202);
    await hub.settle();
    expect(await requests(hub)).toEqual(settled.requests);
    expect(await ledger(hub)).toEqual(settled.ledger);
    expect(replies(hub, seen.number, command.id)).toHaveLength(1);
    expect(github.comments(REPOSITORY, dropped.number)).toHaveLength(1);
    expect(github.callsTo('POST', /\/issues\/\d+\/comments$/).filter((call) => call.status === 201)).toHaveLength(4); // two status comments, one reply… and no more
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
