import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPOSITORY } from '../helpers/github-hub.ts';
import { aboutComment, aboutIssue, datasetBody } from '../helpers/github-payloads.ts';
import { autocomplete, buttonClick, modalSubmit, slashCommand } from '../helpers/discord-interactions.ts';
import { startDiscordHub, type DiscordHub } from '../helpers/discord-hub.ts';
import { DANA, DORA, OLLI, PEOPLE, SAM } from './people.ts';
import { json } from '../helpers/http.ts';

type Json = Record<string, any>;

/** Buttons of a message, as Discord shows them. */
const buttonsOf = (message: Json) => (message.components ?? []).flatMap((row: Json) => row.components) as Json[];
const fieldOf = (message: Json, name: string) => (message.embeds[0].fields as Json[]).find((field) => field.name === name)?.value as string;
const decisionMessageOf = (hub: DiscordHub, proposalId: string) =>
  hub.discord.messagesIn(hub.discord.channels.decisions).filter((message: Json) => message.embeds?.[0]?.description?.includes(`\`${proposalId}\``));

/** A dataset nominated by a GitHub issue and put to the vote: the issue tracks the vote, so `/vote` comments count. */
async function nominationPutToVote(hub: DiscordHub) {
  const issue = hub.github.seedIssue(REPOSITORY, { title: 'Nominate a corpus', body: datasetBody(), user: 'outside-researcher', labels: ['agora:type/dataset'] });
  await hub.deliver('issues', aboutIssue('opened', issue));
  await hub.settle();
  const requestId = (await json(hub.api('/api/v1/requests?type=dataset', { token: hub.adminToken }))).items[0].id as string;
  const moves = hub.github.seedComment(REPOSITORY, issue.number, { body: '/transition triaged\n/transition under_review', user: SAM.github });
  await hub.deliver('issue_comment', aboutComment('created', issue as never, moves as never));
  await hub.settle();
  const steward = await hub.tokenFor(SAM.id);
  const voted = await json(hub.api(`/api/v1/requests/${requestId}/vote`, { method: 'POST', token: steward, body: '{}' }));
  await hub.settle();
  return { issue, requestId, proposalId: voted.linkedProposalId as string };
}

describe('voting in Discord: one ballot whichever surface, the message follows the tally', () => {
  let hub: DiscordHub;
  let proposalId: string;
  let decision: Json;
  let nomination: Awaited<ReturnType<typeof nominationPutToVote>>;
  beforeAll(async () => {
    hub = await startDiscordHub({ people: PEOPLE });
    proposalId = await hub.openProposal({ kind: 'policy_change', title: 'Adopt the **data-retention** policy @everyone' });
    await hub.settle();
    [decision] = decisionMessageOf(hub, proposalId);
    nomination = await nominationPutToVote(hub);
  });
  afterAll(async () => hub?.close());

  it('posts the decision with its rules, its deadline as a time tag, three buttons and a thread', async () => {
    expect(decisionMessageOf(hub, proposalId)).toHaveLength(1);
    const embed = decision.embeds[0];
    expect(embed.title).toBe('Adopt the \\*\\*data-retention\\*\\* policy @everyone');
    expect(decision.allowed_mentions).toEqual({ parse: [] });
    expect(fieldOf(decision, 'Rules')).toContain('Quorum: 66%');
    const closesAt = (await json(hub.api(`/api/v1/proposals/${proposalId}`))).closesAt as string;
    const seconds = Math.floor(Date.parse(closesAt) / 1000);
    expect(fieldOf(decision, 'Voting closes')).toBe(`<t:${seconds}:F> (<t:${seconds}:R>)`);
    expect(buttonsOf(decision).map((button) => [button.label, button.custom_id ?? button.url])).toEqual([
      ['Approve', `vote:${proposalId}:approve`],
      ['Abstain', `vote:${proposalId}:abstain`],
      ['Reject', `vote:${proposalId}:reject`],
      ['Details on the hub', expect.stringContaining(`/decisions/${proposalId}/`)],
    ]);
    expect(hub.discord.thread(decision.id)).toMatchObject({ name: expect.stringContaining('Adopt the') });
  });

  it('counts a button, a double click, a retry, /vote, a GitHub comment and the API from one delegate as one ballot', async () => {
    const voteId = nomination.proposalId;
    const [message] = decisionMessageOf(hub, voteId);
    expect(message).toBeDefined();
    const click = buttonClick({ customId: `vote:${voteId}:approve`, messageId: message.id, userId: DANA.discord });
    const confirmation = await hub.answer(click);
    expect(confirmation.type).toBe(4);
    expect(confirmation.data.flags).toBe(64);
    expect(confirmation.data.content).toContain('Recorded: **Approve** for');
    expect(confirmation.data.content).toContain('A later ballot replaces this one');
    // The same click again (Discord retried it) and a second click: nothing new is recorded.
    expect((await hub.answer(click)).data.content).toContain('nothing changed');
    expect((await hub.answer(buttonClick({ customId: `vote:${voteId}:approve`, messageId: message.id, userId: DANA.discord }))).data.content).toContain('nothing changed');
    // Another delegate of the same organisation, by /vote: it replaces, and says so.
    const slash = await hub.answer(slashCommand({ name: 'vote', userId: DORA.discord, options: [{ type: 3, name: 'proposal', value: voteId }, { type: 3, name: 'choice', value: 'reject' }, { type: 3, name: 'reason', value: 'not yet' }] }));
    expect(slash.data.content).toContain('replaces your organisation’s earlier ballot');
    // A GitHub comment and the API, same organisation: the latest (the API's abstention) counts.
    const comment = hub.github.seedComment(REPOSITORY, nomination.issue.number, { body: '/vote approve', user: DANA.github });
    await hub.deliver('issue_comment', aboutComment('created', nomination.issue as never, comment as never));
    await hub.settle();
    const delegateToken = await hub.tokenFor(DANA.id);
    expect((await hub.api(`/api/v1/proposals/${voteId}/ballots`, { method: 'POST', token: delegateToken, body: JSON.stringify({ option: 'abstain' }) })).status).toBe(201);

    const tally = await json(hub.api(`/api/v1/proposals/${voteId}/tally`));
    expect(tally.counted.filter((vote: Json) => vote.organizationId === DANA.organization)).toHaveLength(1);
    expect(tally.counts).toEqual({ approve: 0, abstain: 1, reject: 0 });
    const ballots = (await json(hub.api(`/api/v1/proposals/${voteId}/ballots`, { token: hub.adminToken }))).items as Json[];
    // History: the button, /vote, the comment, the API; the double click and the retry recorded nothing.
    expect(ballots.map((ballot) => [ballot.channel, ballot.option])).toEqual([['discord', 'approve'], ['discord', 'reject'], ['github', 'approve'], ['api', 'abstain']]);

    // The message shows it after one debounce interval (200 ms here), edited in place by the hub's
    // own feed and outbox — nothing here drives them (no settle) — with room for a loaded machine.
    await expect.poll(() => fieldOf(hub.discord.message(message.id), 'Tally'), { timeout: 3000, interval: 25 })
      .toContain('Approve 0 · Abstain 1 · Reject 0');
    const edited = hub.discord.message(message.id);
    expect(fieldOf(edited, 'Tally')).toContain('Approve 0 · Abstain 1 · Reject 0');
    expect(fieldOf(edited, 'Tally')).toContain('Organisations voted: 1 of');
    expect(decisionMessageOf(hub, voteId)).toHaveLength(1);
    // The nomination was announced once, as a new request.
    expect(hub.discord.messagesIn(hub.discord.channels.announcements).filter((entry: Json) => entry.content.includes(nomination.requestId))).toHaveLength(1);
  });

  it('asks for a reason in a form and records it with the same choice', async () => {
    const answer = await hub.answer(buttonClick({ customId: `reason:${proposalId}:reject`, messageId: decision.id, userId: OLLI.discord }));
    expect(answer.type).toBe(9);
    expect(answer.data.custom_id).toBe(`reason:${proposalId}:reject`);
    const submitted = await hub.answer(modalSubmit({ customId: `reason:${proposalId}:reject`, fields: { reason: 'The retention period is too long.' }, userId: OLLI.discord }));
    expect(submitted.data.flags).toBe(64);
    expect(submitted.data.content).toContain('**Reject**');
    const ballots = (await json(hub.api(`/api/v1/proposals/${proposalId}/ballots`, { token: hub.adminToken }))).items as Json[];
    expect(ballots.at(-1)).toMatchObject({ organizationId: OLLI.organization, option: 'reject', reason: 'The retention period is too long.', channel: 'discord' });
  });

  it('offers the open decisions while /vote is typed', async () => {
    const answer = await hub.answer(autocomplete({ name: 'vote', options: [{ type: 3, name: 'proposal', value: 'retention', focused: true }], userId: DANA.discord }));
    expect(answer.type).toBe(8);
    expect(answer.data.choices).toEqual([{ name: expect.stringContaining(proposalId), value: proposalId }]);
  });

  it('refuses, to the caller alone and with the reason, a ballot of someone who may not cast one', async () => {
    // A data steward of a binding organisation, not its delegate.
    const answer = await hub.answer(buttonClick({ customId: `vote:${proposalId}:approve`, messageId: decision.id, userId: SAM.discord }));
    expect(answer.data.flags).toBe(64);
    expect(answer.data.content).toMatch(/^Not allowed: Only delegates of fraunhofer-iais/);
  });
});

describe('secret votes in Discord', () => {
  let hub: DiscordHub;
  afterAll(async () => hub?.close());

  it('show the turnout only, and give the voter a receipt in private', async () => {
    hub = await startDiscordHub({ people: PEOPLE });
    const proposalId = await hub.openProposal({ kind: 'membership', title: 'Admit a new member' });
    await hub.settle();
    const [message] = hub.discord.messagesIn(hub.discord.channels.decisions);
    const answer = await hub.answer(buttonClick({ customId: `vote:${proposalId}:reject`, messageId: message.id, userId: OLLI.discord }));
    expect(answer.data.flags).toBe(64);
    expect(answer.data.content).toMatch(/Your receipt: `[0-9a-f]{64}`/);
    await hub.settle();
    const tally = fieldOf(hub.discord.message(message.id), 'Tally');
    expect(tally).toMatch(/^Organisations voted: 1 of \d+$/);
    expect(JSON.stringify(hub.discord.message(message.id))).not.toMatch(/Reject \d/);
  });
});
