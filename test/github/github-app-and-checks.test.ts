import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_DIR } from '../helpers/app.ts';
import { REPOSITORY, startGitHubHub, type GitHubHub } from '../helpers/github-hub.ts';
import { aboutIssue, aboutPullRequest, datasetBody } from '../helpers/github-payloads.ts';

const CARD_PATH = 'content/models/agora-demo/0.1.md';
/** The shipped demo card: complete for the AI Act, Class III of the Model Openness Framework. */
const CARD = readFileSync(`${CONTENT_DIR}/models/agora-demo/0.1.md`, 'utf8');
/** The same card without its intended uses and acceptable-use policy: two Annex XI/XII fields missing. */
const INCOMPLETE_CARD = CARD.replace(/^intended_uses:\n(?: {2}- .*\n)+/m, '').replace(/^acceptable_use_policy: .*\n/m, '');
const NOT_A_CARD = 'just some notes, no front matter\n';

describe('the bot as a GitHub App', () => {
  let hub: GitHubHub | undefined;
  afterEach(async () => hub?.close());

  it('exchanges its JWT for an installation token and writes as its bot user', async () => {
    hub = await startGitHubHub({ auth: 'app' });
    const { github } = hub;
    const issue = github.seedIssue(REPOSITORY, { title: 'Nominate a corpus', body: datasetBody(), user: 'outside-researcher', labels: ['agora:type/dataset'] });
    expect((await hub.deliver('issues', aboutIssue('opened', issue))).status).toBe(202);
    await hub.settle();

    const [status] = github.comments(REPOSITORY, issue.number);
    expect(status!.body).toContain('<!-- agora:status -->');
    expect(status!.user!.login).toBe(github.botLogin);
    // The installation was found with the App's JWT, a token issued for it, and every write used that token.
    expect(github.callsTo('GET', `/repos/${REPOSITORY}/installation`).map((call) => call.as)).toContain('app');
    expect(github.callsTo('POST', `/app/installations/${github.installationId}/access_tokens`).filter((call) => call.status === 201)).not.toHaveLength(0);
    const writes = github.calls.filter((call) => call.method !== 'GET' && call.path.startsWith(`/repos/${REPOSITORY}/`));
    expect(writes.length).toBeGreaterThan(0);
    expect(new Set(writes.map((call) => call.as))).toEqual(new Set(['installation']));
    expect(github.labels(REPOSITORY, issue.number).sort()).toEqual(['agora:state/submitted', 'agora:type/dataset']);

    // The installation token runs out (GitHub revokes or expires it): the next writes still land.
    const tokensBefore = github.callsTo('POST', `/app/installations/${github.installationId}/access_tokens`).length;
    github.expireInstallationTokens();
    const next = github.seedIssue(REPOSITORY, { title: 'Another corpus', body: datasetBody({ name: 'Another corpus' }), user: 'outside-researcher', labels: ['agora:type/dataset'] });
    await hub.deliver('issues', aboutIssue('opened', next));
    await hub.settle();
    hub.clock.advance(3_600_000); // past the outbox's backoff, should the first attempt have met the 401
    await hub.settle();
    expect(github.comments(REPOSITORY, next.number).map((comment) => comment.user!.login)).toEqual([github.botLogin]);
    expect(github.callsTo('POST', `/app/installations/${github.installationId}/access_tokens`).length).toBeGreaterThan(tokensBefore);
  });
});

describe('pull requests that touch content/models/', () => {
  let hub: GitHubHub | undefined;
  afterEach(async () => hub?.close());

  it('get a check run with each card\'s completeness and openness class, one per push, and a commit status where check runs are refused', async () => {
    hub = await startGitHubHub({ auth: 'app' });
    const { github } = hub;
    const firstSha = newSha();
    const pull = github.seedPullRequest(REPOSITORY, { title: 'Update the demo card', body: 'Card changes', user: 'card-author', head_sha: firstSha, files: [{ filename: CARD_PATH, content: CARD }, { filename: 'README.md', content: 'readme' }] });
    expect((await hub.deliver('pull_request', aboutPullRequest('opened', { number: pull.number, headSha: firstSha }))).status).toBe(202);
    await hub.settle();

    const [first] = github.checkRuns(REPOSITORY, firstSha);
    expect(github.checkRuns(REPOSITORY, firstSha)).toHaveLength(1);
    expect(first).toMatchObject({ name: 'Agora model card', head_sha: firstSha, status: 'completed', conclusion: 'success' });
    expect(first!.output.title).toBe('1 model card(s) complete');
    expect(first!.output.text).toContain(`### ${CARD_PATH}`);
    expect(first!.output.text).toContain('AI Act Annex XI/XII: complete');
    expect(first!.output.text).toContain('Model Openness Framework: Class III - Open Model');
    expect(first!.app?.slug).toBe(github.appSlug);

    // A push with an incomplete card and a file that is no card at all: a new run on the new head, failing.
    const secondSha = github.pushToPullRequest(REPOSITORY, pull.number, {
      files: [{ filename: CARD_PATH, content: INCOMPLETE_CARD }, { filename: 'content/models/agora-demo/0.2.md', status: 'added', content: NOT_A_CARD }],
    });
    await hub.deliver('pull_request', aboutPullRequest('synchronize', { number: pull.number, headSha: secondSha }));
    await hub.settle();
    const [second] = github.checkRuns(REPOSITORY, secondSha);
    expect(github.checkRuns(REPOSITORY, secondSha)).toHaveLength(1);
    expect(second).toMatchObject({ head_sha: secondSha, conclusion: 'failure' });
    expect(second!.output.title).toBe('2 of 2 model card(s) incomplete');
    expect(second!.output.text).toContain('2 of 14 fields missing');
    expect(second!.output.text).toContain('missing: Acceptable-use policy');
    expect(second!.output.text).toContain('missing: Tasks the model is intended to perform');
    expect(second!.output.text).toContain('### content/models/agora-demo/0.2.md\n\nNo YAML front matter');
    // The earlier push keeps its own verdict.
    expect(github.checkRuns(REPOSITORY, firstSha)).toEqual([first]);

    // The same push delivered again (another GUID, as a redelivery after a timeout would be): no second run.
    await hub.deliver('pull_request', aboutPullRequest('synchronize', { number: pull.number, headSha: secondSha }));
    await hub.settle();
    expect(github.checkRuns(REPOSITORY, secondSha)).toHaveLength(1);
    expect(github.callsTo('POST', `/repos/${REPOSITORY}/check-runs`).filter((call) => call.status === 201)).toHaveLength(2);

    // Without the checks permission the verdict becomes a commit status on the head.
    github.refuseCheckRuns();
    const thirdSha = github.pushToPullRequest(REPOSITORY, pull.number, { files: [{ filename: CARD_PATH, content: CARD }] });
    await hub.deliver('pull_request', aboutPullRequest('synchronize', { number: pull.number, headSha: thirdSha }));
    await hub.settle();
    expect(github.checkRuns(REPOSITORY, thirdSha)).toEqual([]);
    expect(github.callsTo('POST', `/repos/${REPOSITORY}/check-runs`).at(-1)!.status).toBe(403);
    const statuses = github.statuses(REPOSITORY, thirdSha);
    expect(statuses).toHaveLength(1);
    expect(statuses[0]).toMatchObject({ context: 'Agora model card', state: 'success', description: '1 model card(s) complete' });

    const fourthSha = github.pushToPullRequest(REPOSITORY, pull.number, { files: [{ filename: CARD_PATH, content: INCOMPLETE_CARD }] });
    await hub.deliver('pull_request', aboutPullRequest('synchronize', { number: pull.number, headSha: fourthSha }));
    await hub.settle();
    expect(github.statuses(REPOSITORY, fourthSha).map((status) => [status.state, status.description])).toEqual([['failure', '1 of 1 model card(s) incomplete']]);
    // Nothing the bot does is a comment on the pull request.
    expect(github.comments(REPOSITORY, pull.number)).toEqual([]);
  });

  it('leaves a pull request that touches no card alone', async () => {
    hub = await startGitHubHub({ auth: 'app' });
    const { github } = hub;
    const sha = newSha();
    const pull = github.seedPullRequest(REPOSITORY, { title: 'Docs only', body: '', user: 'card-author', head_sha: sha, files: [{ filename: 'content/docs/intro.md', content: '# hi' }, { filename: 'content/models/README.md', content: 'not a card path' }] });
    await hub.deliver('pull_request', aboutPullRequest('opened', { number: pull.number, headSha: sha }));
    await hub.settle();
    expect(github.checkRuns(REPOSITORY)).toEqual([]);
    expect(github.callsTo('POST', /\/statuses\//)).toEqual([]);
  });
});

/** A commit sha, as a push would make. */
const newSha = () => randomBytes(20).toString('hex');
