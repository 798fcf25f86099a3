import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../fake-github.ts';
import { createTestOctokit, rejectionOf } from './test-octokit.ts';

// The fake as a GitHub App sees it, through @octokit/auth-app: JWTs verified against the key pair
// the fake made, installation tokens it issued, check runs (with the 403 that sends callers to
// commit statuses) and the app's webhook deliveries.

const REPO = 'agora/models';
const base = { owner: 'agora', repo: 'models' };
const SHA = 'c0ffee'.padEnd(40, '0');
let fake: FakeGitHub;

beforeAll(async () => {
  fake = await startFakeGitHub({ repos: [REPO], appSlug: 'agora-bot' });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.calls.splice(0);
  fake.refuseCheckRuns(false);
});

describe('authentication', () => {
  it('exchanges the app’s JWT for an installation token and writes as the app’s bot', async () => {
    const { octokit } = createTestOctokit(fake, { app: 'installation' });
    const { number } = fake.seedIssue(REPO, { title: 'Card review' });
    const { data } = await octokit.rest.issues.createComment({ ...base, issue_number: number, body: 'Card check passed.' });
    expect(data.user).toMatchObject({ login: 'agora-bot[bot]', type: 'Bot' });
    await octokit.rest.issues.get({ ...base, issue_number: number });

    expect(fake.calls.map((call) => [call.method, call.path, call.as, call.status])).toEqual([
      ['POST', `/app/installations/${fake.installationId}/access_tokens`, 'app', 201],
      ['POST', `/repos/${REPO}/issues/${number}/comments`, 'installation', 201],
      ['GET', `/repos/${REPO}/issues/${number}`, 'installation', 200], // the token is reused
    ]);
  });

  it('serves the app and the repository’s installation to the JWT alone', async () => {
    const { octokit } = createTestOctokit(fake, { app: 'jwt' });
    expect((await octokit.rest.apps.getAuthenticated()).data).toMatchObject({ id: fake.appId, slug: 'agora-bot' });
    expect((await octokit.rest.apps.getRepoInstallation(base)).data.id).toBe(fake.installationId);
    const { octokit: user } = createTestOctokit(fake, { token: fake.userToken });
    const refused = await rejectionOf(user.rest.apps.getAuthenticated());
    expect(refused).toMatchObject({ status: 401, message: expect.stringMatching(/^A JSON web token could not be decoded/) });
  });

  it('refuses a JWT signed with another key, an unknown token and no token with 401', async () => {
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const { octokit: impostor } = createTestOctokit(fake, { app: 'installation', privateKey: stranger });
    expect(await rejectionOf(impostor.rest.issues.get({ ...base, issue_number: 1 }))).toMatchObject({ status: 401 });
    expect(fake.calls.at(-1)).toMatchObject({ path: `/app/installations/${fake.installationId}/access_tokens`, status: 401, as: null });

    const { octokit: guessing } = createTestOctokit(fake, { token: 'ghp_not-a-token-the-fake-issued' });
    const bad = await rejectionOf(guessing.rest.repos.get(base));
    expect(bad).toMatchObject({ status: 401, response: { data: { message: 'Bad credentials' } } });

    const anonymous = await fetch(`${fake.url}/repos/${REPO}`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ message: 'Requires authentication', documentation_url: expect.any(String) });
  });

  it('refuses installation tokens once they expire', async () => {
    const { octokit } = createTestOctokit(fake, { app: 'jwt' });
    const { data } = await octokit.rest.apps.createInstallationAccessToken({ installation_id: fake.installationId });
    expect(Date.parse(data.expires_at) - Date.now()).toBeGreaterThan(50 * 60_000);
    const headers = { authorization: `token ${data.token}` };
    expect((await fetch(`${fake.url}/repos/${REPO}`, { headers })).status).toBe(200);
    fake.expireInstallationTokens();
    expect((await fetch(`${fake.url}/repos/${REPO}`, { headers })).status).toBe(401);
  });
});

describe('check runs and commit statuses', () => {
  it('creates, completes and lists check runs for a commit', async () => {
    const { octokit } = createTestOctokit(fake, { app: 'installation' });
    const { data: run } = await octokit.rest.checks.create({ ...base, name: 'model-card', head_sha: SHA, status: 'in_progress' });
    expect(run).toMatchObject({ name: 'model-card', head_sha: SHA, status: 'in_progress', conclusion: null, app: { slug: 'agora-bot' } });
    const output = { title: '1 card failing', summary: 'See below.', text: '### card.md\n\nNo front matter.' };
    await octokit.rest.checks.update({ ...base, check_run_id: run.id, conclusion: 'failure', output });
    const { data } = await octokit.rest.checks.listForRef({ ...base, ref: SHA });
    expect(data.total_count).toBe(1);
    expect(data.check_runs[0]).toMatchObject({ id: run.id, status: 'completed', conclusion: 'failure', output, completed_at: expect.any(String) });

    const incomplete = await rejectionOf(octokit.rest.checks.create({ ...base, name: 'x', head_sha: SHA, status: 'completed' }));
    expect(incomplete.status).toBe(422);
    expect((await rejectionOf(octokit.rest.checks.create({ ...base, name: 'x', head_sha: 'main' }))).status).toBe(422);
  });

  it('refuses check runs with 403 when told to, once, so the caller falls back to a commit status', async () => {
    const { octokit } = createTestOctokit(fake, { app: 'installation' });
    fake.refuseCheckRuns();
    const refused = await rejectionOf(octokit.rest.checks.create({ ...base, name: 'model-card', head_sha: SHA }));
    expect(refused).toMatchObject({ status: 403, message: expect.stringMatching(/^Resource not accessible by integration/) });
    expect(fake.callsTo('POST', /\/check-runs$/)).toHaveLength(1); // neither plugin retries it

    const { data } = await octokit.rest.repos.createCommitStatus({ ...base, sha: SHA, state: 'failure', context: 'agora/model-card', description: '1 card failing' });
    expect(data).toMatchObject({ state: 'failure', context: 'agora/model-card', creator: { login: 'agora-bot[bot]' } });
    expect(fake.statuses(REPO, SHA).map((status) => status.state)).toEqual(['failure']);
    const tooLong = await rejectionOf(octokit.rest.repos.createCommitStatus({ ...base, sha: SHA, state: 'success', description: 'x'.repeat(141) }));
    expect(tooLong.status).toBe(422);
  });

  it('tells a user token that check runs are for GitHub Apps', async () => {
    const { octokit } = createTestOctokit(fake, { token: fake.userToken });
    expect(await rejectionOf(octokit.rest.checks.create({ ...base, name: 'x', head_sha: SHA }))).toMatchObject({ status: 403 });
  });
});

describe('webhook deliveries', () => {
  it('lists deliveries newest first through cursor pages, and records a redelivery', async () => {
    const seeded = ['issues', 'issue_comment', 'issues', 'pull_request', 'issues'].map((event, i) =>
      fake.seedDelivery({ event, action: 'opened', status: i === 1 ? 'Invalid HTTP Response: 503' : 'OK', status_code: i === 1 ? 503 : 200 }),
    );
    const { octokit } = createTestOctokit(fake, { app: 'jwt' });
    const first = await octokit.rest.apps.listWebhookDeliveries({ per_page: 2 });
    expect(first.headers.link).toMatch(/[?&]cursor=v1_\d+>; rel="next"/);
    const all = await octokit.paginate(octokit.rest.apps.listWebhookDeliveries, { per_page: 2 });
    expect(all.map((delivery) => delivery.id)).toEqual(seeded.map((delivery) => delivery.id).reverse());

    const failed = seeded[1]!;
    const redelivered: string[] = [];
    fake.onRedelivery((delivery) => void redelivered.push(delivery.guid));
    const { status } = await octokit.rest.apps.redeliverWebhookDelivery({ delivery_id: failed.id });
    expect(status).toBe(202);
    await fake.settled();
    expect(redelivered).toEqual([failed.guid]);
    expect(fake.deliveries()[0]).toMatchObject({ guid: failed.guid, redelivery: true, status: 'OK', status_code: 200 });
    expect((await rejectionOf(octokit.rest.apps.redeliverWebhookDelivery({ delivery_id: 1 }))).status).toBe(404);
  });
});
