import { DiscordAPIError, REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from './fake-discord.ts';

// The fake answered as Discord does, checked against what @discordjs/rest does with the answers: if
// its errors, limits and headers were not Discord's, the client would not retry or would not throw these.

let fake: FakeDiscord;
let rest: REST;
beforeAll(async () => {
  fake = await startFakeDiscord({ guildLocale: 'pl' });
  rest = new REST({ api: fake.url, version: '10', retries: 2, timeout: 2000 }).setToken(fake.botToken);
});
afterAll(() => fake.close());
afterEach(async () => {
  fake.recover();
  await fake.up();
});

const rejection = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a rejection'); }, (error: unknown) => error as DiscordAPIError);

describe('the fake Discord, through @discordjs/rest', () => {
  it('posts, edits and reads messages; a retried post with the same nonce is the same message', async () => {
    const body = { content: 'hello', nonce: 'n-1', enforce_nonce: true };
    const first = (await rest.post(Routes.channelMessages(fake.channels.decisions), { body })) as { id: string };
    const again = (await rest.post(Routes.channelMessages(fake.channels.decisions), { body })) as { id: string };
    expect(again.id).toBe(first.id);
    await rest.patch(Routes.channelMessage(fake.channels.decisions, first.id), { body: { content: 'hello again' } });
    expect(fake.message(first.id).content).toBe('hello again');
    expect(fake.edits(first.id)).toEqual([{ content: 'hello again' }]);
    expect(fake.messagesIn(fake.channels.decisions).map((message) => message.id)).toEqual([first.id]);
    expect(((await rest.get(Routes.guild(fake.guildId))) as { preferred_locale: string }).preferred_locale).toBe('pl');
  });

  it('answers Discord’s error codes: unknown channel, unknown message, a thread started twice, a callback answered twice, no token', async () => {
    expect((await rejection(rest.post(Routes.channelMessages('1'), { body: { content: 'x' } }))).code).toBe(10003);
    expect((await rejection(rest.patch(Routes.channelMessage(fake.channels.decisions, '2'), { body: { content: 'x' } }))).code).toBe(10008);
    const message = (await rest.post(Routes.channelMessages(fake.channels.announcements), { body: { content: 'thread me' } })) as { id: string };
    await rest.post(Routes.threads(fake.channels.announcements, message.id), { body: { name: 'Discussion' } });
    expect((await rejection(rest.post(Routes.threads(fake.channels.announcements, message.id), { body: { name: 'Again' } }))).code).toBe(160004);
    expect(fake.thread(message.id)).toMatchObject({ name: 'Discussion' });
    await rest.post(Routes.channelMessages(message.id), { body: { content: 'in the thread' } });
    expect(fake.messagesIn(message.id)).toHaveLength(1);
    await rest.post(Routes.interactionCallback('9', 'tok'), { body: { type: 4, data: { content: 'hi' } }, auth: false });
    expect((await rejection(rest.post(Routes.interactionCallback('9', 'tok'), { body: { type: 4 }, auth: false }))).code).toBe(40060);
    expect(fake.interactionResponses('9')).toEqual([{ type: 4, data: { content: 'hi' } }]);
    const anonymous = new REST({ api: fake.url, version: '10', retries: 0 }).setToken('wrong');
    expect((await rejection(anonymous.get(Routes.guild(fake.guildId)))).status).toBe(401);
  });

  it('gives 5xx that the client retries, and 429s whose Retry-After it waits out', async () => {
    fake.failNext(2, { status: 500, match: { method: 'GET' } });
    await rest.get(Routes.guild(fake.guildId));
    expect(fake.callsTo('GET', `/guilds/${fake.guildId}`).map((call) => call.status).slice(-3)).toEqual([500, 500, 200]);
    fake.failNext(1, { status: 429, retryAfterSeconds: 1, match: { method: 'POST' } });
    const started = Date.now();
    await rest.post(Routes.channelMessages(fake.channels.decisions), { body: { content: 'after the limit' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const limited = fake.calls.find((call) => call.status === 429)!;
    expect(limited.path).toBe(`/channels/${fake.channels.decisions}/messages`);
  });

  it('registers commands by bulk overwrite, globally and per server', async () => {
    await rest.put(Routes.applicationGuildCommands(fake.applicationId, fake.guildId), { body: [{ name: 'a', description: 'A' }, { name: 'b', description: 'B' }] });
    await rest.put(Routes.applicationGuildCommands(fake.applicationId, fake.guildId), { body: [{ name: 'c', description: 'C' }] });
    expect(fake.commands(fake.guildId).map((command) => command.name)).toEqual(['c']);
    expect(fake.commands()).toEqual([]);
  });

  it('refuses connections while down and serves again once up', async () => {
    await fake.down();
    await expect(new REST({ api: fake.url, version: '10', retries: 0, timeout: 500 }).setToken(fake.botToken).get(Routes.guild(fake.guildId))).rejects.toThrow();
    await fake.up();
    await rest.get(Routes.guild(fake.guildId));
  });
});
