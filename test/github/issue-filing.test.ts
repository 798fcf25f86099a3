import { afterEach, describe, expect, it } from 'vitest';
import { REPOSITORY, startGitHubHub, type GitHubHub } from '../helpers/github-hub.ts';
import { aboutIssue, datasetBody } from '../helpers/github-payloads.ts';

const listRequests = async (hub: GitHubHub) => ((await (await hub.api('/api/v1/requests?type=dataset', { token: hub.adminToken })).json()) as { items: { id: string; state: string; details?: Record<string, unknown>; filedBy?: string }[] }).items;

describe('requests filed as GitHub issues', () => {
  let hub: GitHubHub | undefined;
  afterEach(async () => hub?.close());

  it('files a dataset nomination from the form, labels the issue and posts one status comment', async () => {
    hub = await startGitHubHub();
    const issue = hub.github.seedIssue(REPOSITORY, { title: 'Nominate the Finnish parliament corpus', body: datasetBody(), user: 'outside-researcher', labels: ['agora:type/dataset'] });
    expect((await hub.deliver('issues', aboutIssue('opened', issue))).status).toBe(202);
    await hub.settle();

    const [request] = await listRequests(hub);
    expect(request).toMatchObject({ state: 'submitted', details: { name: 'Finnish parliament corpus', languages: ['fin', 'swe'], estimated_tokens: 1_200_000 } });
    // The author is not a member: the requester is an outside requester, named by id in the ledger.
    expect(request!.filedBy).toMatch(/^requester:ext_/);
    const ledger = await (await hub.api('/api/v1/events?after=0')).text();
    expect(ledger).not.toContain('outside-researcher');

    const comments = hub.github.comments(REPOSITORY, issue.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('<!-- agora:status -->');
    expect(comments[0]!.body).toContain(request!.id);
    expect(comments[0]!.body).toContain('submitted');
    expect(hub.github.labels(REPOSITORY, issue.number).sort()).toEqual(['agora:state/submitted', 'agora:type/dataset']);
    // Labels the bot needs are created with their colour and description.
    expect(hub.github.repoLabels(REPOSITORY).find((label) => label.name === 'agora:state/submitted')).toMatchObject({ color: 'c5def5' });

    // The same delivery again, and a later re-sync: still one request, one comment.
    await hub.deliver('issues', aboutIssue('opened', issue));
    await hub.settle();
    expect(await listRequests(hub)).toHaveLength(1);
    expect(hub.github.comments(REPOSITORY, issue.number)).toHaveLength(1);
  });

  it('answers a form with problems by listing every one and a needs-info label; an edit that fixes them files the request', async () => {
    hub = await startGitHubHub();
    const body = datasetBody({ url: 'not a url', estimated_tokens: 'lots', languages: '' });
    const issue = hub.github.seedIssue(REPOSITORY, { title: 'Broken nomination', body, user: 'outside-researcher', labels: ['agora:type/dataset'] });
    await hub.deliver('issues', aboutIssue('opened', issue));
    await hub.settle();
    expect(await listRequests(hub)).toHaveLength(0);
    const [status] = hub.github.comments(REPOSITORY, issue.number);
    expect(status!.body).toContain('Dataset URL');
    expect(status!.body).toContain('Estimated tokens');
    expect(status!.body).toContain('Languages');
    expect(hub.github.labels(REPOSITORY, issue.number)).toContain('agora:needs-info');

    const fixed = hub.github.editIssue(REPOSITORY, issue.number, { body: datasetBody() });
    await hub.deliver('issues', aboutIssue('edited', fixed));
    await hub.settle();
    const [request] = await listRequests(hub);
    expect(request).toMatchObject({ state: 'submitted' });
    const comments = hub.github.comments(REPOSITORY, issue.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(request!.id);
    expect(comments[0]!.body).not.toContain('Estimated tokens');
    expect(hub.github.labels(REPOSITORY, issue.number)).not.toContain('agora:needs-info');
  });
});
