import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../fake-github.ts';
import { createTestOctokit, rejectionOf, THROTTLE_UNIT_MS, type TestOctokit } from './test-octokit.ts';

// Faults as GitHub produces them, checked against what plugin-retry and plugin-throttling do with
// them: if the fake's answers were not GitHub's, the plugins would not retry and these would fail.

const REPO = 'agora/faults';
const base = { owner: 'agora', repo: 'faults' };
let fake: FakeGitHub;
let octokit: TestOctokit;
let issue: number;
const statuses = (method: string, path: RegExp) => fake.callsTo(method, path).map((call) => call.status);

beforeAll(async () => {
  fake = await startFakeGitHub({ repos: [REPO] });
  octokit = createTestOctokit(fake, { token: fake.userToken }).octokit;
  issue = fake.seedIssue(REPO, { title: 'Under load' }).number;
});
afterAll(() => fake.close());
afterEach(async () => {
  fake.recover();
  await fake.up();
  fake.calls.splice(0);
});

describe('server errors', () => {
  it('fails the next matching requests with 500, which plugin-retry retries until they pass', async () => {
    fake.failNext(2, { status: 500, match: { method: 'GET', path: /\/issues\/\d+$/ } });
    await octokit.rest.repos.get(base); // not matched: untouched
    const { data } = await octokit.rest.issues.get({ ...base, issue_number: issue });
    expect(data.title).toBe('Under load');
    expect(statuses('GET', /\/issues\/\d+$/)).toEqual([500, 500, 200]);
    expect(statuses('GET', /\/faults$/)).toEqual([200]);
  });

  it('keeps failing with 502 until recover(), then answers again', async () => {
    fake.failFor(Infinity, { status: 502 });
    const failure = await rejectionOf(octokit.rest.issues.get({ ...base, issue_number: issue }));
    expect(failure.status).toBe(502);
    expect(statuses('GET', /\/issues\/\d+$/)).toEqual([502, 502, 502, 502]); // the first try and plugin-retry's three
    fake.recover();
    expect((await octokit.rest.issues.get({ ...base, issue_number: issue })).status).toBe(200);
  });

  it('stops failing once failFor’s time is up', async () => {
    const slower = createTestOctokit(fake, { token: fake.userToken }, 25).octokit; // waits 25, 100, 225 ms
    fake.failFor(60, { status: 503 });
    expect((await slower.rest.issues.get({ ...base, issue_number: issue })).status).toBe(200);
    const seen = statuses('GET', /\/issues\/\d+$/);
    expect(seen[0]).toBe(503);
    expect(seen.at(-1)).toBe(200);
  });
});

describe('rate limits', () => {
  it('answers a secondary limit with 429 and retry-after, which plugin-throttling waits out', async () => {
    const { octokit: client, limits } = createTestOctokit(fake, { token: fake.userToken });
    fake.failNext(1, { status: 429, secondary: true, retryAfterSeconds: 3, match: { method: 'POST' } });
    const { status } = await client.rest.issues.createComment({ ...base, issue_number: issue, body: 'after the pause' });
    expect(status).toBe(201);
    expect(limits).toEqual([expect.objectContaining({ kind: 'secondary', retryAfter: 3, method: 'POST', retryCount: 0 })]);
    const [refused, passed] = fake.callsTo('POST', /\/comments$/);
    expect([refused?.status, passed?.status]).toEqual([429, 201]);
    expect(passed!.at - refused!.at).toBeGreaterThanOrEqual(3 * THROTTLE_UNIT_MS);
  });

  it('answers a secondary limit with 403 in GitHub’s words, not retried by plugin-retry but by plugin-throttling', async () => {
    const { octokit: client, limits } = createTestOctokit(fake, { token: fake.userToken });
    fake.failNext(1, { status: 403, secondary: true, retryAfterSeconds: 1 });
    await client.rest.issues.get({ ...base, issue_number: issue });
    expect(limits.map((limit) => [limit.kind, limit.retryAfter])).toEqual([['secondary', 1]]);
    expect(statuses('GET', /\/issues\/\d+$/)).toEqual([403, 200]);
  });

  it('answers a primary limit with x-ratelimit-remaining 0 and the reset time plugin-throttling waits for', async () => {
    const { octokit: client, limits } = createTestOctokit(fake, { token: fake.userToken });
    fake.failNext(1, { status: 403, retryAfterSeconds: 2 });
    await client.rest.issues.get({ ...base, issue_number: issue });
    expect(limits).toHaveLength(1);
    expect(limits[0]).toMatchObject({ kind: 'primary' });
    // plugin-throttling waits until a second past the reset.
    expect(limits[0]!.retryAfter).toBeGreaterThanOrEqual(2);
    expect(limits[0]!.retryAfter).toBeLessThanOrEqual(4);
  });

  it('lets the error through with GitHub’s headers once the handler stops retrying', async () => {
    const { octokit: client, limits } = createTestOctokit(fake, { token: fake.userToken });
    fake.failFor(Infinity, { status: 429, retryAfterSeconds: 0 });
    const failure = await rejectionOf(client.rest.issues.get({ ...base, issue_number: issue }));
    expect(failure.status).toBe(429);
    expect(failure.response?.headers['x-ratelimit-remaining']).toBe('0');
    expect(failure.message).toMatch(/^API rate limit exceeded/);
    expect(limits.map((limit) => limit.retryCount)).toEqual([0, 1, 2]);
  });
});

describe('going down', () => {
  it('refuses connections while down, and serves on the same URL once up', async () => {
    await octokit.rest.repos.get(base); // leaves a keep-alive connection for down() to cut
    await fake.down();
    const failure = await rejectionOf(octokit.rest.repos.get(base));
    expect(failure.status).toBe(500); // how Octokit reports a network failure
    expect(failure.message).toMatch(/ECONNREFUSED|other side closed|socket/i);
    await fake.up();
    expect((await octokit.rest.repos.get(base)).status).toBe(200);
    expect(statuses('GET', /\/faults$/)).toEqual([200, 200]);
  });

  it('resets connections in reset mode', async () => {
    await fake.down('reset');
    const failure = await rejectionOf(octokit.rest.repos.get(base));
    expect(failure.message).toMatch(/ECONNRESET|other side closed|socket|terminated/i);
    await fake.up();
    expect((await octokit.rest.repos.get(base)).status).toBe(200);
  });
});
