import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from './fake-github.ts';
import { createTestOctokit, rejectionOf, type TestOctokit } from './fake-github/test-octokit.ts';

// The fake driven by a real Octokit (retry + throttling plugins) over HTTP: issues, comments,
// labels, pull requests, contents and users. Faults and app auth have their own files beside it.

const REPO = 'agora/governance';
const [owner, repo] = REPO.split('/') as [string, string];
let fake: FakeGitHub;
let octokit: TestOctokit;

beforeAll(async () => {
  fake = await startFakeGitHub({ repos: [REPO], userLogin: 'agora-steward' });
  ({ octokit } = createTestOctokit(fake, { token: fake.userToken }));
});
afterAll(() => fake.close());
beforeEach(() => void fake.calls.splice(0));

describe('issue comments', () => {
  it('creates, edits, reads back and deletes a comment as the token’s user', async () => {
    const { number } = fake.seedIssue(REPO, { title: 'Adopt the charter' });
    const { data: created, status } = await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: 'Seconded.' });
    expect(status).toBe(201);
    expect(created).toMatchObject({ body: 'Seconded.', user: { login: 'agora-steward', type: 'User' } });
    expect(created.html_url).toBe(`https://github.com/${REPO}/issues/${number}#issuecomment-${created.id}`);

    const { data: edited } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: created.id, body: 'Seconded, with one amendment.' });
    expect(edited.body).toBe('Seconded, with one amendment.');
    // issue_url leads back to the issue on the fake itself.
    const { data: issue } = await octokit.request(`GET ${edited.issue_url.slice(fake.url.length)}`);
    expect(issue.number).toBe(number);
    expect(fake.comments(REPO, number).map((comment) => comment.body)).toEqual(['Seconded, with one amendment.']);

    await octokit.rest.issues.deleteComment({ owner, repo, comment_id: created.id });
    expect((await rejectionOf(octokit.rest.issues.getComment({ owner, repo, comment_id: created.id }))).status).toBe(404);
  });

  it('pages through an issue’s comments with Link headers, oldest first', async () => {
    const { number } = fake.seedIssue(REPO, { title: 'A long thread' });
    for (let i = 1; i <= 45; i++) fake.seedComment(REPO, number, { body: `comment ${i}`, user: 'alice' });

    const first = await octokit.rest.issues.listComments({ owner, repo, issue_number: number, per_page: 20 });
    expect(first.data).toHaveLength(20);
    expect(first.headers.link).toMatch(/[?&]page=2>; rel="next"/);
    expect(first.headers.link).toMatch(/[?&]page=3>; rel="last"/);

    const all = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: number, per_page: 20 });
    expect(all.map((comment) => comment.body)).toEqual(Array.from({ length: 45 }, (_, i) => `comment ${i + 1}`));
    expect(fake.callsTo('GET', new RegExp(`/issues/${number}/comments$`)).map((call) => call.query.page ?? '1')).toEqual(['1', '1', '2', '3']);
  });

  it('lists the repository’s comments updated since an instant, sorted by update', async () => {
    const quiet = 'agora/quiet';
    const { number } = fake.seedIssue(quiet, { title: 'Old and new' });
    const other = fake.seedIssue(quiet, { title: 'Elsewhere' }).number;
    fake.seedComment(quiet, number, { body: 'old', created_at: '2026-01-01T00:00:00Z' });
    fake.seedComment(quiet, number, { body: 'edited', created_at: '2026-01-02T00:00:00Z', updated_at: '2026-03-05T00:00:00Z' });
    fake.seedComment(quiet, other, { body: 'new', created_at: '2026-03-01T00:00:00Z' });
    const query = { owner, repo: 'quiet', since: '2026-02-01T00:00:00Z', sort: 'updated' } as const;
    const { data } = await octokit.rest.issues.listCommentsForRepo({ ...query, direction: 'desc' });
    expect(data.map((comment) => [comment.body, comment.issue_url.split('/').at(-1)])).toEqual([
      ['edited', String(number)],
      ['new', String(other)],
    ]);
    const { data: ascending } = await octokit.rest.issues.listCommentsForRepo(query);
    expect(ascending.map((comment) => comment.body)).toEqual(['new', 'edited']);
  });

  it('refuses an empty or too long body with 422 and GitHub’s error list', async () => {
    const { number } = fake.seedIssue(REPO, { title: 'Limits' });
    const tooLong = await rejectionOf(octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: 'x'.repeat(65_537) }));
    expect(tooLong.status).toBe(422);
    expect(tooLong.response?.data).toMatchObject({ message: 'Validation Failed', errors: [{ resource: 'IssueComment', field: 'body', code: 'custom' }] });
    expect((await rejectionOf(octokit.rest.issues.createComment({ owner, repo, issue_number: 99_999, body: 'hi' }))).status).toBe(404);
  });
});

describe('labels', () => {
  it('adds labels (creating missing ones), removes one, and answers 404 for one the issue lacks', async () => {
    fake.seedLabel(REPO, { name: 'decision: accepted', color: '0e8a16', description: 'Adopted by vote' });
    const { number } = fake.seedIssue(REPO, { title: 'Label me', labels: ['proposal'] });

    const { data: added } = await octokit.rest.issues.addLabels({ owner, repo, issue_number: number, labels: ['decision: accepted', 'needs-quorum'] });
    expect(added.map((label) => label.name)).toEqual(['proposal', 'decision: accepted', 'needs-quorum']);
    expect(added[1]).toMatchObject({ color: '0e8a16', description: 'Adopted by vote', default: false });
    expect(fake.repoLabels(REPO).find((label) => label.name === 'needs-quorum')?.color).toBe('ededed');

    const { data: left } = await octokit.rest.issues.removeLabel({ owner, repo, issue_number: number, name: 'decision: accepted' });
    expect(left.map((label) => label.name)).toEqual(['proposal', 'needs-quorum']);
    const absent = await rejectionOf(octokit.rest.issues.removeLabel({ owner, repo, issue_number: number, name: 'decision: accepted' }));
    expect(absent).toMatchObject({ status: 404, response: { data: { message: 'Label does not exist' } } });

    await octokit.rest.issues.setLabels({ owner, repo, issue_number: number, labels: ['final'] });
    expect(fake.labels(REPO, number)).toEqual(['final']);
  });

  it('refuses a label that exists with 422 already_exists, and renames one everywhere', async () => {
    fake.seedLabel(REPO, { name: 'vote-open' });
    const duplicate = await rejectionOf(octokit.rest.issues.createLabel({ owner, repo, name: 'Vote-Open', color: 'ffffff' }));
    expect(duplicate.status).toBe(422);
    expect(duplicate.response?.data).toMatchObject({ errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }], documentation_url: expect.any(String) });

    const { number } = fake.seedIssue(REPO, { title: 'Voting', labels: ['vote-open'] });
    const { data } = await octokit.rest.issues.updateLabel({ owner, repo, name: 'vote-open', new_name: 'vote: open', color: 'FBCA04' });
    expect(data).toMatchObject({ name: 'vote: open', color: 'fbca04' });
    expect(fake.labels(REPO, number)).toEqual(['vote: open']);
    expect((await octokit.rest.issues.getLabel({ owner, repo, name: 'vote: open' })).data.name).toBe('vote: open');
    expect((await rejectionOf(octokit.rest.issues.getLabel({ owner, repo, name: 'vote-open' }))).status).toBe(404);
  });
});

describe('issues', () => {
  it('creates, closes as not planned, and reopens an issue', async () => {
    const { data: created } = await octokit.rest.issues.create({ owner, repo, title: 'Publish the minutes', labels: ['chore'] });
    expect(created).toMatchObject({ state: 'open', state_reason: null, user: { login: 'agora-steward' }, labels: [{ name: 'chore' }] });
    expect(created).not.toHaveProperty('pull_request');

    const { data: closed } = await octokit.rest.issues.update({ owner, repo, issue_number: created.number, state: 'closed', state_reason: 'not_planned' });
    expect(closed).toMatchObject({ state: 'closed', state_reason: 'not_planned', closed_at: expect.any(String) });
    const { data: reopened } = await octokit.rest.issues.update({ owner, repo, issue_number: created.number, state: 'open' });
    expect(reopened).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null });
    expect(fake.issue(REPO, created.number)?.state).toBe('open');
  });

  it('lists by state and since, sorted by update, pull requests included', async () => {
    const fresh = await startFakeGitHub({ repos: ['agora/fresh'] });
    try {
      const client = createTestOctokit(fresh, { token: fresh.userToken }).octokit;
      fresh.seedIssue('agora/fresh', { title: 'stale', updated_at: '2026-01-01T00:00:00Z', created_at: '2026-01-01T00:00:00Z' });
      fresh.seedIssue('agora/fresh', { title: 'closed', state: 'closed', created_at: '2026-02-01T00:00:00Z', updated_at: '2026-03-02T00:00:00Z' });
      fresh.seedPullRequest('agora/fresh', { title: 'pull', created_at: '2026-02-02T00:00:00Z', updated_at: '2026-03-01T00:00:00Z' });
      const query = { owner: 'agora', repo: 'fresh', since: '2026-02-15T00:00:00Z', sort: 'updated', direction: 'asc' } as const;
      const { data: open } = await client.rest.issues.listForRepo(query);
      expect(open.map((issue) => [issue.title, Boolean(issue.pull_request)])).toEqual([['pull', true]]);
      const { data: all } = await client.rest.issues.listForRepo({ ...query, state: 'all' });
      expect(all.map((issue) => issue.title)).toEqual(['pull', 'closed']);
    } finally {
      await fresh.close();
    }
  });

  it('answers 404 with GitHub’s body for an unknown issue or repository', async () => {
    const missing = await rejectionOf(octokit.rest.issues.get({ owner, repo, issue_number: 4040 }));
    expect(missing.response?.data).toMatchObject({ message: 'Not Found', documentation_url: expect.any(String), status: '404' });
    expect((await rejectionOf(octokit.rest.issues.get({ owner, repo: 'nowhere', issue_number: 1 }))).status).toBe(404);
  });
});

describe('pull requests, contents and users', () => {
  it('serves a pull request’s head, its files page by page, and a file at the head commit', async () => {
    const files = Array.from({ length: 3 }, (_, i) => ({ filename: `models/card-${i}.md`, status: 'added' as const, additions: 10 + i, content: `---\nname: card ${i}\n---\n` }));
    const { number } = fake.seedPullRequest(REPO, { title: 'Add model cards', head_sha: 'a'.repeat(40), files });
    const { data: pull } = await octokit.rest.pulls.get({ owner, repo, pull_number: number });
    expect(pull).toMatchObject({ number, head: { sha: 'a'.repeat(40) }, base: { ref: 'main' }, changed_files: 3, merged: false });

    const listed = await octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo, pull_number: number, per_page: 2 });
    expect(listed.map((file) => [file.filename, file.changes])).toEqual(files.map((file) => [file.filename, file.additions]));

    const { data: content } = await octokit.rest.repos.getContent({ owner, repo, path: 'models/card-1.md', ref: pull.head.sha });
    expect('content' in content && Buffer.from(content.content, 'base64').toString('utf8')).toBe('---\nname: card 1\n---\n');
    expect((await rejectionOf(octokit.rest.repos.getContent({ owner, repo, path: 'models/card-1.md' }))).status).toBe(404);
    expect((await rejectionOf(octokit.rest.pulls.get({ owner, repo, pull_number: fake.seedIssue(REPO, { title: 'not a PR' }).number }))).status).toBe(404);
  });

  it('names the token’s user and looks users up by login', async () => {
    expect((await octokit.rest.users.getAuthenticated()).data.login).toBe('agora-steward');
    fake.seedUser('alice', { name: 'Alice Martin' });
    expect((await octokit.rest.users.getByUsername({ username: 'alice' })).data).toMatchObject({ login: 'alice', name: 'Alice Martin', type: 'User' });
    expect((await rejectionOf(octokit.rest.users.getByUsername({ username: 'nobody-here' }))).status).toBe(404);
  });

  it('answers every call with GitHub’s rate-limit headers and records it', async () => {
    const response = await octokit.rest.repos.get({ owner, repo });
    expect(response.headers).toMatchObject({ 'x-ratelimit-limit': '5000', 'x-ratelimit-resource': 'core' });
    expect(Number(response.headers['x-ratelimit-remaining'])).toBeLessThan(5000);
    expect(Number(response.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
    expect(fake.callsTo('GET', `/repos/${REPO}`)).toEqual([{ method: 'GET', path: `/repos/${REPO}`, query: {}, body: undefined, status: 200, at: expect.any(Number), as: 'user' }]);
  });
});
