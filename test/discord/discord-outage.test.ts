import { afterAll, describe, expect, it } from 'vitest';
import { REPOSITORY } from '../helpers/github-hub.ts';
import { aboutIssue, datasetBody } from '../helpers/github-payloads.ts';
import { startDiscordHub, type DiscordHub } from '../helpers/discord-hub.ts';
import { PEOPLE } from './people.ts';
import { json } from '../helpers/http.ts';

type Json = Record<string, any>;

describe('Discord failing for a while', () => {
  let hub: DiscordHub;
  afterAll(async () => hub?.close());

  it('loses no announcement and repeats none: 500s, 429s with Retry-After, refused connections, then recovery', async () => {
    hub = await startDiscordHub({ people: PEOPLE });
    const file = async (title: string) => {
      const issue = hub.github.seedIssue(REPOSITORY, { title, body: datasetBody(), user: 'outside-researcher', labels: ['agora:type/dataset'] });
      await hub.deliver('issues', aboutIssue('opened', issue));
    };
    // Discord answers 500 to everything for a while: @discordjs/rest retries, then the outbox backs off.
    hub.discord.failFor(60_000, { status: 500 });
    await file('First corpus');
    const proposalId = await hub.openProposal({ kind: 'policy_change', title: 'During the outage' });
    await hub.settle();
    expect(hub.discord.messagesIn(hub.discord.channels.announcements)).toHaveLength(0);
    expect(hub.discord.calls.filter((call) => call.status === 500).length).toBeGreaterThan(0);

    // Then rate limits with Retry-After, then no connection at all.
    hub.discord.recover();
    hub.discord.failNext(3, { status: 429, retryAfterSeconds: 1 });
    await file('Second corpus');
    await hub.discord.down();
    await file('Third corpus');
    for (let round = 0; round < 3; round++) {
      hub.clock.advance(120_000);
      await hub.settle();
    }
    await hub.discord.up();

    // Back: everything arrives, once, as the backoff comes round.
    const announcements = () => hub.discord.messagesIn(hub.discord.channels.announcements) as Json[];
    await expect
      .poll(async () => {
        hub.clock.advance(3_600_000);
        await hub.settle();
        return announcements().length;
      }, { timeout: 30_000, interval: 200 })
      .toBe(3);
    for (let round = 0; round < 3; round++) {
      hub.clock.advance(3_600_000);
      await hub.settle();
    }
    const requests = (await json(hub.api('/api/v1/requests?type=dataset', { token: hub.adminToken }))).items as Json[];
    expect(requests).toHaveLength(3);
    for (const request of requests) expect(announcements().filter((message) => message.content.includes(request.id))).toHaveLength(1);
    expect(announcements()).toHaveLength(3);
    const decisions = hub.discord.messagesIn(hub.discord.channels.decisions) as Json[];
    expect(decisions.filter((message) => message.embeds[0].description.includes(proposalId))).toHaveLength(1);
    expect(hub.discord.thread(decisions[0]!.id)).toBeTruthy();
    expect(hub.discord.calls.filter((call) => call.status === 429).length).toBeGreaterThan(0);
    const health = await json(hub.api('/api/v1/health'));
    expect(health.queues.outbox.discord ?? 0).toBe(0);
  });
});
