import { afterAll, describe, expect, it } from 'vitest';
import { tables } from '../../db/index.ts';
import { buttonClick } from '../helpers/discord-interactions.ts';
import { startDiscordHub, type DiscordHub } from '../helpers/discord-hub.ts';
import { DANA, OLLI, PEOPLE } from './people.ts';
import { json } from '../helpers/http.ts';

type Json = Record<string, any>;
const HOUR = 3_600_000;

describe('reminders before the close, in the decision’s thread', () => {
  let hub: DiscordHub;
  afterAll(async () => hub?.close());

  it('mention only delegates of organisations without a ballot, once per reminder time, a restart in between included', async () => {
    hub = await startDiscordHub({ people: PEOPLE });
    const proposalId = await hub.openProposal({ kind: 'policy_change', title: 'Change the licensing rule' });
    await hub.settle();
    const [message] = hub.discord.messagesIn(hub.discord.channels.decisions);
    const threadId = message.id as string;
    await hub.answer(buttonClick({ customId: `vote:${proposalId}:approve`, messageId: message.id, userId: DANA.discord }));
    const closesAt = Date.parse((await json(hub.api(`/api/v1/proposals/${proposalId}`))).closesAt);
    const reminders = () => hub.discord.messagesIn(threadId).filter((entry: Json) => entry.content.startsWith('Reminder'));
    const remindersAfter = async (count: number) => {
      await expect.poll(async () => (await hub.settle(), reminders().length), { timeout: 15_000, interval: 200 }).toBe(count);
      return reminders();
    };

    // 47 hours before the close: the 48-hour reminder. The hub restarts as soon as it is recorded.
    hub.clock.advance(closesAt - Date.now() - 47 * HOUR);
    await expect.poll(async () => (await hub.db.select().from(tables.proposalReminders)).length, { timeout: 10_000 }).toBe(1);
    await hub.restart();
    const [first] = await remindersAfter(1);
    expect(first.content).toContain(`<@${OLLI.discord}>`);
    expect(first.content).not.toContain(`<@${DANA.discord}>`);
    expect(first.content).not.toContain('<@100000000000000003>');
    expect(first.content).toContain('University of Helsinki');
    expect(first.content).not.toContain('Charles University');
    expect(first.allowed_mentions).toEqual({ parse: [], users: [OLLI.discord] });

    // Helsinki votes; 23 hours before the close: the 24-hour reminder, which no longer names it.
    await hub.answer(buttonClick({ customId: `vote:${proposalId}:reject`, messageId: message.id, userId: OLLI.discord }));
    hub.clock.advance(24 * HOUR);
    const [, second] = await remindersAfter(2);
    expect(second.content).not.toContain('<@');
    expect(second.content).not.toContain('University of Helsinki');
    expect(second.content).toContain('No delegate of these organisations has a Discord account');

    // Another restart and more ticks: nothing is said twice.
    await hub.restart();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await hub.settle();
    expect(reminders()).toHaveLength(2);
    expect(hub.discord.callsTo('POST', new RegExp(`/channels/${threadId}/messages$`)).filter((call) => String((call.body as Json)?.content).startsWith('Reminder'))).toHaveLength(2);
  });
});
