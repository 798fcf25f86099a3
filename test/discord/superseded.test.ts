import { afterAll, describe, expect, it } from 'vitest';
import { startDiscordHub, type DiscordHub } from '../helpers/discord-hub.ts';
import { json } from '../helpers/http.ts';
import { REPOSITORY } from '../helpers/github-hub.ts';
import { aboutComment, aboutIssue, datasetBody } from '../helpers/github-payloads.ts';
import { PEOPLE, SAM } from './people.ts';

type Json = Record<string, any>;

// A vote replaced by another (`supersedes`, issue 14) has ended as surely as a withdrawn one: its
// Discord message loses its buttons and says so, and its thread is told.
describe('a superseded vote', () => {
  let hub: DiscordHub;
  afterAll(async () => hub?.close());

  it('is announced as ended in Discord, its buttons gone', async () => {
    hub = await startDiscordHub({ people: PEOPLE });
    const subject = { type: 'policy', reference: 'policy:retention' };
    const first = await json(hub.api('/api/v1/proposals', { method: 'POST', token: hub.adminToken, body: JSON.stringify({ kind: 'policy_change', title: 'Shorter retention', subject }) }));
    await hub.settle();
    const [message] = hub.discord.messagesIn(hub.discord.channels.decisions);
    expect(message.components[0].components.some((button: Json) => String(button.custom_id ?? '').startsWith('vote:'))).toBe(true);
    const second = await hub.api('/api/v1/proposals', { method: 'POST', token: hub.adminToken, body: JSON.stringify({ kind: 'policy_change', title: 'Shorter retention, reworded', subject, supersedes: first.id }) });
    expect(second.status).toBe(201);
    await hub.settle();
    const edited = hub.discord.message(message.id);
    expect(edited.components[0].components.filter((button: Json) => String(button.custom_id ?? '').startsWith('vote:'))).toEqual([]);
    expect(JSON.stringify(edited.embeds)).toContain('superseded');
    expect(hub.discord.messagesIn(message.id).filter((note: Json) => note.content.includes('has ended') && note.content.includes('superseded'))).toHaveLength(1);
  });

  it('hands a nomination on to the vote that replaced its vote, and its issue says so', async () => {
    const issue = hub.github.seedIssue(REPOSITORY, { title: 'Nominate a corpus', body: datasetBody(), user: 'outside-researcher', labels: ['agora:type/dataset'] });
    await hub.deliver('issues', aboutIssue('opened', issue));
    await hub.settle();
    const requestId = (await json(hub.api('/api/v1/requests?type=dataset', { token: hub.adminToken }))).items[0].id as string;
    const moves = hub.github.seedComment(REPOSITORY, issue.number, { body: '/transition triaged\n/transition under_review', user: SAM.github });
    await hub.deliver('issue_comment', aboutComment('created', issue as never, moves as never));
    const voted = await json(hub.api(`/api/v1/requests/${requestId}/vote`, { method: 'POST', token: await hub.tokenFor(SAM.id), body: '{}' }));
    const replacing = await json(hub.api('/api/v1/proposals', { method: 'POST', token: hub.adminToken, body: JSON.stringify({ kind: 'dataset_inclusion', title: 'Include the corpus (reworded)', subject: { type: 'dataset', reference: `request:${requestId}` }, supersedes: voted.linkedProposalId }) }));
    await hub.settle();
    expect((await json(hub.api(`/api/v1/requests/${requestId}`, { token: hub.adminToken }))).linkedProposalId).toBe(replacing.id);
    const [status] = hub.github.comments(REPOSITORY, issue.number).filter((comment: Json) => comment.body.includes('<!-- agora:status -->'));
    expect(status!.body).toContain(replacing.id);
    expect(status!.body).not.toContain(voted.linkedProposalId);
  });
});
