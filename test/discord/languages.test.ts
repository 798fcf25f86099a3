import { afterAll, describe, expect, it } from 'vitest';
import { TABLES, type Language } from '../../bots/discord/i18n/translate.ts';
import { buttonClick, slashCommand } from '../helpers/discord-interactions.ts';
import { startDiscordHub, type DiscordHub } from '../helpers/discord-hub.ts';
import { DANA, OLLI, PEOPLE } from './people.ts';

/** A table's sentence with its placeholders filled, independently of the bot's i18n library. */
const fill = (template: string, values: Record<string, string>) => template.replace(/\{\{\s*(\w+)[^}]*\}\}/g, (_, name: string) => values[name] ?? `?${name}?`);

const LOCALES: [string, Language][] = [['en-US', 'en'], ['en-GB', 'en'], ['de', 'de'], ['fr', 'fr'], ['it', 'it'], ['es-ES', 'es'], ['es-419', 'es'], ['pl', 'pl']];

describe('the bot answers in the interaction’s language', () => {
  let hub: DiscordHub;
  afterAll(async () => hub?.close());

  it.each(LOCALES)('%s: /whoami and a ballot’s confirmation, word for word from the %s table', async (locale, language) => {
    hub ??= await startDiscordHub({ people: PEOPLE });
    const table = TABLES[language];
    const whoami = await hub.answer(slashCommand({ name: 'whoami', userId: DANA.discord, locale }));
    expect(whoami.data.content).toBe(
      `${fill(table.whoami.member, { name: DANA.id, id: DANA.id, organization: 'Charles University', roles: table.role.delegate })}\n${table.whoami.delegate}`,
    );
    const proposalId = await hub.openProposal({ kind: 'policy_change', title: `Vote in ${locale}` });
    const voted = await hub.answer(buttonClick({ customId: `vote:${proposalId}:abstain`, messageId: '1', userId: OLLI.discord, locale }));
    expect(voted.data.content.split('\n')).toEqual([fill(table.vote.recorded, { choice: table.choice.abstain, organization: 'University of Helsinki', title: `Vote in ${locale}` }), table.vote.later]);
    expect(voted.data.components[0].components[0].label).toBe(table.vote.addReason);
    const stranger = await hub.answer(slashCommand({ name: 'vote', userId: '100000000000000077', locale, options: [{ type: 3, name: 'proposal', value: proposalId }, { type: 3, name: 'choice', value: 'approve' }] }));
    expect(stranger.data.content).toBe(fill(table.refusal.notMember, { userId: '100000000000000077', url: 'http://localhost:0/handbook/' }));
  });
});

describe('messages in channels use the server’s language', () => {
  let hub: DiscordHub;
  afterAll(async () => hub?.close());

  it('writes the decision message in German for a German server', async () => {
    hub = await startDiscordHub({ people: PEOPLE, guildLocale: 'de' });
    await hub.openProposal({ kind: 'policy_change', title: 'Eine Richtlinie' });
    await hub.settle();
    const [message] = hub.discord.messagesIn(hub.discord.channels.decisions);
    const names = message.embeds[0].fields.map((field: { name: string }) => field.name);
    expect(names).toEqual([TABLES.de.decision.rules, TABLES.de.decision.closes, TABLES.de.decision.tally]);
    expect(message.components[0].components.map((button: { label: string }) => button.label)).toEqual([TABLES.de.choice.approve, TABLES.de.choice.abstain, TABLES.de.choice.reject, TABLES.de.decision.details]);
    expect(hub.discord.thread(message.id).name).toBe(fill(TABLES.de.decision.threadName, { title: 'Eine Richtlinie' }));
  });
});
