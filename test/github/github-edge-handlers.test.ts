import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { tables } from '../../db/index.ts';
import { REPOSITORY, startGitHubHub, type GitHubHub, type HubPerson } from '../helpers/github-hub.ts';
import { aboutComment, aboutIssue, datasetBody, formBody } from '../helpers/github-payloads.ts';

const PEOPLE: HubPerson[] = [
  { id: 'sam-steward', organization: 'fraunhofer-iais', roles: ['data_steward'], github: 'sam-steward' },
  { id: 'dana-delegate', organization: 'charles-university', roles: ['delegate'], github: 'dana-delegate' },
  { id: 'rita-release', organization: 'charles-university', roles: ['release_manager'], github: 'rita-release' },
  { id: 'rob-reporter', organization: 'csc', roles: ['reporter'], github: 'rob-reporter' },
];
const OTHER_REPOSITORY = 'agora/archive';
/** The demo model of the shipped content; its card (content/models/agora-demo/0.1.md) is complete. */
const MODEL = 'agora-demo-1b-v0-1';

type Json = Record<string, any>;
const json = async (response: Response) => (await response.json()) as Json;
const ledger = async (hub: GitHubHub) => (await json(await hub.api('/api/v1/events?after=0&limit=1000'))).items as Json[];
const request = async (hub: GitHubHub, id: string) => json(await hub.api(`/api/v1/requests/${id}`, { token: hub.adminToken }));
const statusOf = (hub: GitHubHub, repository: string, number: number) => hub.github.comments(repository, number).filter((comment) => comment.body.startsWith('<!-- agora:status -->'));
/** Markdown escapes taken out, to read the status comment as a person would. */
const plain = (text: string) => text.replaceAll('\\', '');

async function tokenFor(hub: GitHubHub, memberId: string) {
  const response = await hub.api('/api/v1/tokens', { method: 'POST', token: hub.adminToken, body: JSON.stringify({ name: memberId, scopes: ['write'], memberId }) });
  expect(response.status).toBe(201);
  return (await json(response)).secret as string;
}

/** A dataset nomination filed from an issue by an outside requester; returns the issue and the request id. */
async function fileNomination(hub: GitHubHub, name = 'Finnish parliament corpus') {
  const issue = hub.github.seedIssue(REPOSITORY, { title: `Nominate ${name}`, body: datasetBody({ name }), user: 'outside-researcher', labels: ['agora:type/dataset'] });
  expect((await hub.deliver('issues', aboutIssue('opened', issue))).status).toBe(202);
  await hub.settle();
  const [row] = await hub.db.select().from(tables.githubIssues).where(and(eq(tables.githubIssues.repository, REPOSITORY), eq(tables.githubIssues.number, issue.number)));
  expect(row!.requestId).toBeTruthy();
  return { issue, requestId: row!.requestId! };
}

describe('issue lifecycle events', () => {
  let hub: GitHubHub | undefined;
  afterEach(async () => hub?.close());

  it('closing by the requester withdraws the request; closing by someone else reopens the issue with a note', async () => {
    hub = await startGitHubHub({ people: PEOPLE });
    const { github } = hub;
    const mine = await fileNomination(hub, 'Corpus the requester closes');
    const closed = github.editIssue(REPOSITORY, mine.issue.number, { state: 'closed', state_reason: 'not_planned' });
    await hub.deliver('issues', aboutIssue('closed', closed, mine.issue.user));
    await hub.settle();
    expect((await request(hub, mine.requestId)).state).toBe('withdrawn');
    expect(github.issue(REPOSITORY, mine.issue.number)!.state).toBe('closed');
    expect(plain(statusOf(hub, REPOSITORY, mine.issue.number)[0]!.body)).toContain('withdrawn');
    expect(github.labels(REPOSITORY, mine.issue.number)).toContain('agora:state/withdrawn');

    const theirs = await fileNomination(hub, 'Corpus someone else closes');
    const closedByOther = github.editIssue(REPOSITORY, theirs.issue.number, { state: 'closed' });
    await hub.deliver('issues', aboutIssue('closed', closedByOther, { login: 'random-person', id: 777 }));
    await hub.settle();
    expect((await request(hub, theirs.requestId)).state).toBe('submitted');
    expect(github.issue(REPOSITORY, theirs.issue.number)!.state).toBe('open');
    const reopening = github.callsTo('PATCH', `/repos/${REPOSITORY}/issues/${theirs.issue.number}`);
    expect(reopening.map((call) => (call.body as Json).state)).toEqual(['open']);
    const [status] = statusOf(hub, REPOSITORY, theirs.issue.number);
    expect(plain(status!.body)).toContain('This issue was closed on GitHub, but it tracks a request that is still submitted: it stays open until the request closes.');
    expect(statusOf(hub, REPOSITORY, theirs.issue.number)).toHaveLength(1);
  });

  it("puts back a label in the bot's namespace that a person added or removed, and leaves other labels alone", async () => {
    hub = await startGitHubHub({ people: PEOPLE });
    const { github } = hub;
    const { issue } = await fileNomination(hub);
    const labelled = github.editIssue(REPOSITORY, issue.number, { labels: ['agora:type/dataset', 'agora:state/submitted', 'agora:state/accepted', 'good first issue'] });
    await hub.deliver('issues', aboutIssue('labeled', labelled, { login: 'random-person', id: 777 }, { label: { name: 'agora:state/accepted' } }));
    await hub.deliver('issues', aboutIssue('labeled', labelled, { login: 'random-person', id: 777 }, { label: { name: 'good first issue' } }));
    await hub.settle();
    expect(github.labels(REPOSITORY, issue.number).sort()).toEqual(['agora:state/submitted', 'agora:type/dataset', 'good first issue']);
    expect(github.callsTo('DELETE', `/repos/${REPOSITORY}/issues/${issue.number}/labels/${encodeURIComponent('agora:state/accepted')}`).map((call) => call.status)).toEqual([200]);

    const unlabelled = github.editIssue(REPOSITORY, issue.number, { labels: ['agora:type/dataset', 'good first issue'] });
    await hub.deliver('issues', aboutIssue('unlabeled', unlabelled, { login: 'random-person', id: 777 }, { label: { name: 'agora:state/submitted' } }));
    await hub.settle();
    expect(github.labels(REPOSITORY, issue.number).sort()).toEqual(['agora:state/submitted', 'agora:type/dataset', 'good first issue']);
    // The request did not move: labels are the record's, not a way to change it.
    expect((await ledger(hub)).filter((entry) => entry.type === 'request.transitioned')).toEqual([]);
  });

  it('follows a transferred issue to its new repository and number', async () => {
    hub = await startGitHubHub({ people: PEOPLE });
    const { github } = hub;
    const { issue, requestId } = await fileNomination(hub);
    // GitHub moves the issue and its comments; the old address answers 404 from then on.
    const [status] = statusOf(hub, REPOSITORY, issue.number);
    github.seedRepo(OTHER_REPOSITORY);
    github.seedIssue(OTHER_REPOSITORY, { title: 'padding', body: '', user: 'someone' });
    const moved = github.seedIssue(OTHER_REPOSITORY, { title: issue.title, body: issue.body ?? '', user: 'outside-researcher', labels: ['agora:type/dataset', 'agora:state/submitted'] });
    const movedStatus = github.seedComment(OTHER_REPOSITORY, moved.number, { body: status!.body, user: status!.user!.login });
    github.deleteIssue(REPOSITORY, issue.number);
    await hub.deliver('issues', aboutIssue('transferred', issue, issue.user, { changes: { new_issue: { ...moved }, new_repository: { full_name: OTHER_REPOSITORY } } }));
    await hub.settle();
    const rows = await hub.db.select().from(tables.githubIssues).where(eq(tables.githubIssues.requestId, requestId));
    expect(rows.map((row) => [row.repository, row.number])).toEqual([[OTHER_REPOSITORY, moved.number]]);

    // The request moves on: the status comment that moved with the issue is edited there, not posted again.
    const steward = await tokenFor(hub, 'sam-steward');
    expect((await hub.api(`/api/v1/requests/${requestId}/transitions`, { method: 'POST', token: steward, body: JSON.stringify({ transition: 'triage' }) })).status).toBe(200);
    await hub.settle();
    const comments = github.comments(OTHER_REPOSITORY, moved.number);
    expect(comments.map((comment) => comment.id)).toEqual([movedStatus.id]);
    expect(plain(comments[0]!.body)).toContain('triaged');
    expect(github.labels(OTHER_REPOSITORY, moved.number).sort()).toEqual(['agora:state/triaged', 'agora:type/dataset']);
  });

  it('keeps the request and the ledger when an issue is deleted, and a vote comment deleted keeps its ballot', async () => {
    hub = await startGitHubHub({ people: PEOPLE });
    const { github } = hub;
    const { issue, requestId } = await fileNomination(hub);
    const steward = await tokenFor(hub, 'sam-steward');
    for (const transition of ['triage', 'start_review'])
      expect((await hub.api(`/api/v1/requests/${requestId}/transitions`, { method: 'POST', token: steward, body: JSON.stringify({ transition }) })).status).toBe(200);
    const proposalId = (await json(await hub.api(`/api/v1/requests/${requestId}/vote`, { method: 'POST', token: steward, body: '{}' }))).linkedProposalId as string;
    await hub.settle();
    const vote = github.seedComment(REPOSITORY, issue.number, { body: '/vote approve well documented', user: 'dana-delegate' });
    await hub.deliver('issue_comment', aboutComment('created', issue as never, vote as never));
    await hub.settle();
    const ballots = async () => (await json(await hub!.api(`/api/v1/proposals/${proposalId}/ballots`, { token: hub!.adminToken }))).items as Json[];
    expect((await ballots()).map((ballot) => [ballot.organizationId, ballot.option])).toEqual([['charles-university', 'approve']]);

    const before = await ledger(hub);
    await hub.deliver('issue_comment', aboutComment('deleted', issue as never, vote as never));
    await hub.settle();
    expect(await ledger(hub)).toEqual(before);
    expect((await ballots()).map((ballot) => [ballot.organizationId, ballot.option])).toEqual([['charles-university', 'approve']]);
    expect((await json(await hub.api(`/api/v1/proposals/${proposalId}/tally`))).counts).toMatchObject({ approve: 1 });

    github.deleteIssue(REPOSITORY, issue.number);
    await hub.deliver('issues', aboutIssue('deleted', issue));
    await hub.settle();
    expect(await ledger(hub)).toEqual(before);
    expect(await request(hub, requestId)).toMatchObject({ id: requestId, state: 'under_review', linkedProposalId: proposalId });
    const [row] = await hub.db.select().from(tables.githubIssues).where(eq(tables.githubIssues.requestId, requestId));
    expect(row!.state).toBe('deleted');

    // A later change to the request is not sent to the deleted issue at all, and the channel goes on.
    const callsBefore = github.calls.filter((call) => call.path.includes(`/issues/${issue.number}`)).length;
    const other = await fileNomination(hub, 'Another corpus');
    expect((await hub.api(`/api/v1/proposals/${proposalId}/ballots`, { method: 'POST', token: await tokenFor(hub, 'dana-delegate'), body: JSON.stringify({ option: 'reject' }) })).status).toBe(201);
    await hub.settle();
    const health = await json(await hub.api('/api/v1/health'));
    expect(health.queues.deadLetters).toBe(0);
    expect(health.queues.outbox).toEqual({});
    expect(github.calls.filter((call) => call.path.includes(`/issues/${issue.number}`)).length).toBe(callsBefore);
    expect(statusOf(hub, REPOSITORY, other.issue.number)).toHaveLength(1);
    expect(github.labels(REPOSITORY, other.issue.number)).toContain('agora:state/submitted');
  });
});

describe('release proposals filed with the release form', () => {
  let hub: GitHubHub | undefined;
  afterEach(async () => hub?.close());

  const releaseIssue = (hub: GitHubHub, user: string, digest: string) =>
    hub.github.seedIssue(REPOSITORY, {
      title: `[Release] ${MODEL}`,
      body: formBody('release', { model_id: MODEL, checkpoint_digest: digest, rationale: 'Evaluations are in; the card is complete.' }),
      user,
      labels: ['agora:type/release'],
    });

  it('opens the vote for a release manager once the checkpoint is from a completed run; says why not before; refuses people without the role and outsiders', async () => {
    hub = await startGitHubHub({ people: PEOPLE });
    const { github } = hub;
    const digest = `sha256:${randomBytes(32).toString('hex')}`;
    const proposals = async () => (await json(await hub!.api('/api/v1/proposals?kind=release', { token: hub!.adminToken }))).items as Json[];

    // No such checkpoint yet: refused with the precondition's reason; nothing opened.
    const early = releaseIssue(hub, 'rita-release', digest);
    await hub.deliver('issues', aboutIssue('opened', early));
    await hub.settle();
    expect(await proposals()).toEqual([]);
    const refused = plain(statusOf(hub, REPOSITORY, early.number)[0]!.body);
    expect(refused).toContain('The vote was not opened:');
    expect(refused).toContain(`No checkpoint of ${MODEL} has the digest ${digest}.`);
    expect(refused).toContain('Edit the issue once this is fixed; the bot tries again.');

    // The training run completes with that checkpoint; the release manager edits the issue: the vote opens, once.
    const run = await json(await hub.api('/api/v1/training-runs', { method: 'POST', token: hub.adminToken, body: JSON.stringify({ modelId: MODEL, hpcSystem: 'LUMI', totalSteps: 1000 }) }));
    const report = await hub.api(`/api/v1/training-runs/${run.id}/reports`, {
      method: 'POST',
      token: hub.adminToken,
      body: JSON.stringify({ id: 'final', at: '2026-12-01T10:00:00Z', state: 'completed', step: 1000, tokensSeen: 4_000_000_000, checkpoint: { step: 1000, digest } }),
    });
    expect(report.status).toBe(201);
    const edited = github.editIssue(REPOSITORY, early.number, { body: `${early.body}\n` });
    await hub.deliver('issues', aboutIssue('edited', edited, early.user));
    await hub.deliver('issues', aboutIssue('edited', edited, early.user));
    await hub.settle();
    const [proposal] = await proposals();
    expect(await proposals()).toHaveLength(1);
    expect(proposal).toMatchObject({ kind: 'release', state: 'open', subject: { modelId: MODEL, checkpointDigest: digest } });
    const opened = plain(statusOf(hub, REPOSITORY, early.number)[0]!.body);
    expect(opened).toContain(`Vote \`${proposal!.id}\``);
    expect(opened).not.toContain('The vote was not opened');
    expect(github.labels(REPOSITORY, early.number).sort()).toEqual(['agora:state/voting', 'agora:type/release']);
    expect(statusOf(hub, REPOSITORY, early.number)).toHaveLength(1);

    // A member whose roles do not open votes, and someone outside the registry: refused, saying why.
    const reporter = releaseIssue(hub, 'rob-reporter', digest);
    const outsider = releaseIssue(hub, 'outside-researcher', digest);
    await hub.deliver('issues', aboutIssue('opened', reporter));
    await hub.deliver('issues', aboutIssue('opened', outsider));
    await hub.settle();
    expect(await proposals()).toHaveLength(1);
    expect(plain(statusOf(hub, REPOSITORY, reporter.number)[0]!.body)).toContain('The vote was not opened: Opening a vote needs one of the roles');
    // The login is named without pinging its owner (a zero-width space after the @).
    expect(plain(statusOf(hub, REPOSITORY, outsider.number)[0]!.body)).toContain('A release vote is opened by a release manager in the consortium registry; @&#8203;outside-researcher is not a member there.');
    expect(github.labels(REPOSITORY, outsider.number)).not.toContain('agora:state/voting');
  });
});
