import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BINDING } from '../helpers/decisions.ts';
import { REPOSITORY, startGitHubHub, type GitHubHub, type HubPerson } from '../helpers/github-hub.ts';
import { json } from '../helpers/http.ts';

// Issue 14: a passed policy change or membership vote changes nothing in content/ by itself (the
// registry is reviewed like OWNERS files); with GitHub connected the hub opens a pull request with
// the decision's record for the change to be made and reviewed on. Against the fake GitHub.

const CONTENT_REPOSITORY = 'agora/registry';
const DAY = 86_400_000;
const PEOPLE: HubPerson[] = BINDING.map((organization) => ({ id: `d-${organization}`, organization, roles: ['delegate'], github: `d-${organization}` }));

let hub: GitHubHub;
const tokens = new Map<string, string>();
beforeAll(async () => {
  hub = await startGitHubHub({ people: PEOPLE, env: { GITHUB_CONTENT_REPOSITORY: CONTENT_REPOSITORY } });
  hub.github.seedRepo(CONTENT_REPOSITORY);
  hub.github.seedFile(CONTENT_REPOSITORY, 'content/governance/policies.yaml', 'policies: []\n');
  for (const person of PEOPLE) {
    const response = await hub.api('/api/v1/tokens', { method: 'POST', token: hub.adminToken, body: JSON.stringify({ name: person.id, scopes: ['write'], memberId: person.id }) });
    tokens.set(person.id, (await json(response)).secret);
  }
});
afterAll(async () => hub?.close());

async function decide(kind: 'policy_change' | 'membership', reference: string, option: 'approve' | 'reject'): Promise<string> {
  const opened = await hub.api('/api/v1/proposals', { method: 'POST', token: hub.adminToken, body: JSON.stringify({ kind, title: `Decide ${reference}`, subject: { type: kind === 'membership' ? 'membership' : 'policy', reference } }) });
  expect(opened.status, await opened.clone().text()).toBe(201);
  const { id } = await json(opened);
  for (const person of PEOPLE) await hub.api(`/api/v1/proposals/${id}/ballots`, { method: 'POST', token: tokens.get(person.id)!, body: JSON.stringify({ option }) });
  hub.clock.advance(30 * DAY);
  await expect.poll(async () => (await json(hub.api(`/api/v1/proposals/${id}`))).state, { timeout: 10_000 }).toBe('closed');
  await hub.settle();
  return id;
}

const pullsCreated = () => hub.github.callsTo('POST', `/repos/${CONTENT_REPOSITORY}/pulls`).filter((call) => call.status === 201);

describe('a passed policy change', () => {
  it('opens one pull request in the content repository with the decision recorded on its branch', async () => {
    const id = await decide('policy_change', 'content/governance/policies.yaml', 'approve');
    expect(pullsCreated()).toHaveLength(1);
    const [call] = pullsCreated();
    expect(call!.body).toMatchObject({ head: `agora/decision-${id}`, base: 'main' });
    expect(String((call!.body as { title: string }).title)).toContain(id);
    const file = await fetch(`${hub.github.url}/repos/${CONTENT_REPOSITORY}/contents/content/governance/decisions/${id}.yaml?ref=agora/decision-${id}`, { headers: { authorization: `token ${hub.github.userToken}` } });
    expect(file.status).toBe(200);
    const text = Buffer.from((await json(file)).content, 'base64').toString('utf8');
    expect(text).toContain(`proposal: ${id}`);
    expect(text).toContain('outcome: passed');
    // The effect names what it did; the issue tracker's repository got nothing.
    expect((await json(hub.api(`/api/v1/proposals/${id}`))).effect.effect).toBe('recorded');
    expect(hub.github.callsTo('POST', `/repos/${REPOSITORY}/pulls`)).toHaveLength(0);
  });

  it('finishes the work on a retry after failing half-way, and opens it once across a restart', async () => {
    const before = pullsCreated().length;
    // GitHub fails the last step (opening the pull request) for longer than Octokit retries it.
    hub.github.failNext(20, { status: 502, match: { method: 'POST', path: `/repos/${CONTENT_REPOSITORY}/pulls` } });
    const id = await decide('membership', 'ai-sweden', 'approve');
    expect(pullsCreated()).toHaveLength(before);
    hub.github.recover();
    await hub.restart();
    hub.clock.advance(DAY);
    await expect.poll(async () => (await hub.settle(), pullsCreated().length), { timeout: 10_000 }).toBe(before + 1);
    expect(pullsCreated().at(-1)!.body).toMatchObject({ head: `agora/decision-${id}` });
    // The branch and the record made by the first attempt were kept, not made again.
    const statuses = (method: string, path: string | RegExp) => hub.github.callsTo(method, path).map((call) => call.status);
    expect(statuses('POST', `/repos/${CONTENT_REPOSITORY}/git/refs`).slice(-2)).toEqual([201, 422]);
    // (Octokit sends the file's path percent-encoded.)
    expect(statuses('PUT', new RegExp(`/repos/agora/registry/contents/.*${id}\\.yaml$`))).toEqual([201, 422]);
    hub.clock.advance(DAY);
    await hub.settle();
    expect(pullsCreated()).toHaveLength(before + 1);
  });

  it('opens none for a vote that did not pass', async () => {
    const before = pullsCreated().length;
    const id = await decide('policy_change', 'content/governance/requests.yaml', 'reject');
    expect((await json(hub.api(`/api/v1/proposals/${id}`))).effect).toMatchObject({ effect: 'unchanged', details: { because: 'rejected' } });
    expect(pullsCreated()).toHaveLength(before);
  });
});
