import { afterEach, describe, expect, it } from 'vitest';
import { REPOSITORY, startGitHubHub, type GitHubHub, type HubPerson } from '../helpers/github-hub.ts';
import { aboutComment, aboutIssue, datasetBody } from '../helpers/github-payloads.ts';

const PEOPLE: HubPerson[] = [
  { id: 'sam-steward', organization: 'fraunhofer-iais', roles: ['data_steward'], github: 'sam-steward' },
  { id: 'dana-delegate', organization: 'charles-university', roles: ['delegate'], github: 'Dana-Delegate' },
];

type Json = Record<string, any>;
const json = async (response: Response) => (await response.json()) as Json;

async function tokenFor(hub: GitHubHub, memberId: string) {
  const response = await hub.api('/api/v1/tokens', { method: 'POST', token: hub.adminToken, body: JSON.stringify({ name: memberId, scopes: ['write'], memberId }) });
  expect(response.status).toBe(201);
  return (await json(response)).secret as string;
}

async function comment(hub: GitHubHub, issue: Json, user: string, body: string) {
  const created = hub.github.seedComment(REPOSITORY, issue.number, { body, user });
  expect((await hub.deliver('issue_comment', aboutComment('created', issue as never, created as never))).status).toBe(202);
  await hub.settle();
  return created;
}

/** The reply as a reader sees it: Markdown escapes and zero-width spaces removed. */
const shown = (body: string) => body.replace(/\\([!-\/:-@[-`{-~])/g, '$1').replaceAll('&#8203;', '');
const replyTo = (hub: GitHubHub, issue: Json, commentId: number) =>
  hub.github.comments(REPOSITORY, issue.number).filter((c) => c.body.includes(`<!-- agora:reply:${commentId} -->`)).map((c) => ({ ...c, body: shown(c.body) }));

describe('commands in GitHub comments', () => {
  let hub: GitHubHub | undefined;
  afterEach(async () => hub?.close());

  it('moves a nomination with /transition, counts /vote and the API ballot of the same delegate as one ballot, and answers every command', async () => {
    hub = await startGitHubHub({ people: PEOPLE });
    const issue = hub.github.seedIssue(REPOSITORY, { title: 'Nominate a corpus', body: datasetBody(), user: 'outside-researcher', labels: ['agora:type/dataset'] });
    await hub.deliver('issues', aboutIssue('opened', issue));
    await hub.settle();
    const requestId = (await json(await hub.api('/api/v1/requests?type=dataset', { token: hub.adminToken }))).items[0].id as string;

    // Two commands in one comment, a quoted one that is not run, one in a code block that is not either.
    const moves = await comment(hub, issue, 'sam-steward', 'Looks in scope.\n\n/transition triaged\n> /transition declined\n```\n/transition declined\n```\n/TRANSITION under_review starting the review');
    expect((await json(await hub.api(`/api/v1/requests/${requestId}`, { token: hub.adminToken }))).state).toBe('under_review');
    const [movesReply] = replyTo(hub, issue, moves.id);
    expect(movesReply!.body.match(/✅/g)).toHaveLength(2);
    expect(hub.github.labels(REPOSITORY, issue.number)).toContain('agora:state/under_review');

    const steward = await tokenFor(hub, 'sam-steward');
    const voted = await json(await hub.api(`/api/v1/requests/${requestId}/vote`, { method: 'POST', token: steward, body: '{}' }));
    const proposalId = voted.linkedProposalId as string;
    expect(proposalId).toBeTruthy();

    const vote = await comment(hub, issue, 'dana-delegate', '/vote approve it is openly licensed');
    expect(replyTo(hub, issue, vote.id)[0]!.body).toContain('Recorded: approve for charles-university');
    const delegate = await tokenFor(hub, 'dana-delegate');
    expect((await hub.api(`/api/v1/proposals/${proposalId}/ballots`, { method: 'POST', token: delegate, body: JSON.stringify({ option: 'reject' }) })).status).toBe(201);

    // Editing the comment does not cast a second ballot; the reply is edited in place.
    const edited = hub.github.editComment(REPOSITORY, vote.id, '/vote approve changed my mind again');
    await hub.deliver('issue_comment', aboutComment('edited', issue as never, edited as never));
    await hub.settle();
    const replies = replyTo(hub, issue, vote.id);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toContain('editing it does not cast another');

    const ballots = (await json(await hub.api(`/api/v1/proposals/${proposalId}/ballots`, { token: hub.adminToken }))).items as Json[];
    expect(ballots.map((ballot) => [ballot.organizationId, ballot.option, ballot.channel])).toEqual([
      ['charles-university', 'approve', 'github'],
      ['charles-university', 'reject', 'api'],
    ]);
    const tally = await json(await hub.api(`/api/v1/proposals/${proposalId}/tally`));
    expect(tally.counts).toMatchObject({ approve: 0, reject: 1 });
    // The status comment carries the vote's tally.
    const status = () => hub!.github.comments(REPOSITORY, issue.number).find((c) => c.body.startsWith('<!-- agora:status -->'))!;
    expect(status().body).toContain(proposalId);
    expect(status().body).toContain('1 reject');

    // Past the close, the decision clock closes the vote; the recomputed tally agrees with the record.
    hub.clock.advance(15 * 86_400_000);
    await expect.poll(async () => (await json(await hub!.api(`/api/v1/proposals/${proposalId}`))).state, { timeout: 10_000 }).toBe('closed');
    const verify = await json(await hub.api(`/api/v1/proposals/${proposalId}/tally/verify`));
    expect(verify).toMatchObject({ matches: true, problems: [] });
    await hub.settle();
    const outcome = hub.github.comments(REPOSITORY, issue.number).filter((c) => c.body.includes(`<!-- agora:outcome:${proposalId} -->`));
    expect(outcome).toHaveLength(1);
    expect(status().body).toContain('Closed');
  });

  it('refuses, quoting the command and saying why: not a member, not allowed, unknown, malformed — never silence', async () => {
    hub = await startGitHubHub({ people: PEOPLE });
    const issue = hub.github.seedIssue(REPOSITORY, { title: 'Nominate a corpus', body: datasetBody(), user: 'outside-researcher', labels: ['agora:type/dataset'] });
    await hub.deliver('issues', aboutIssue('opened', issue));
    await hub.settle();

    const stranger = await comment(hub, issue, 'random-person', '/vote approve');
    expect(replyTo(hub, issue, stranger.id)[0]!.body).toContain('not in the consortium registry');
    const mixed = await comment(hub, issue, 'dana-delegate', '/transition accepted\n/frobnicate now\n/vote maybe\n/status');
    const body = replyTo(hub, issue, mixed.id)[0]!.body;
    expect(body).toContain('`/transition accepted`');
    expect(body).toContain('not reachable from here');
    expect(body).toContain('/frobnicate');
    expect(body).toContain('/vote approve|abstain|reject');
    expect(body).toContain('submitted');
    expect(body.match(/❌/g)).toHaveLength(3);
    expect(body.match(/✅/g)).toHaveLength(1);
    // A mention in a quoted command does not ping anyone.
    const ping = await comment(hub, issue, 'random-person', '/assign @octocat');
    const raw = hub.github.comments(REPOSITORY, issue.number).find((c) => c.body.includes(`<!-- agora:reply:${ping.id} -->`))!.body;
    // Inside a code span a mention does not ping; outside it, it is broken by a zero-width space.
    expect(raw.replace(/`[^`]*`/g, '')).not.toMatch(/@octocat/);
  });

  it('lets the requester who is not a member withdraw and answer a clarification by comment', async () => {
    hub = await startGitHubHub({ people: PEOPLE });
    const issue = hub.github.seedIssue(REPOSITORY, { title: 'Nominate a corpus', body: datasetBody(), user: 'outside-researcher', labels: ['agora:type/dataset'] });
    await hub.deliver('issues', aboutIssue('opened', issue));
    await hub.settle();
    const requestId = (await json(await hub.api('/api/v1/requests?type=dataset', { token: hub.adminToken }))).items[0].id as string;
    await comment(hub, issue, 'sam-steward', '/transition triaged\n/transition needs_info which licence version exactly?');
    expect((await json(await hub.api(`/api/v1/requests/${requestId}`, { token: hub.adminToken }))).state).toBe('needs_info');
    await comment(hub, issue, 'outside-researcher', 'It is CC-BY-4.0, version 4.0 exactly.');
    expect((await json(await hub.api(`/api/v1/requests/${requestId}`, { token: hub.adminToken }))).state).toBe('triaged');
    const status = await comment(hub, issue, 'outside-researcher', '/status');
    expect(replyTo(hub, issue, status.id)[0]!.body).toContain('triaged');
    await comment(hub, issue, 'outside-researcher', '/withdraw found a better one');
    expect((await json(await hub.api(`/api/v1/requests/${requestId}`, { token: hub.adminToken }))).state).toBe('withdrawn');
    expect(hub.github.issue(REPOSITORY, issue.number)!.state).toBe('closed');
  });
});
