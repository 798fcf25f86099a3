import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ping, slashCommand } from '../helpers/discord-interactions.ts';
import { json } from '../helpers/http.ts';
import { startDiscordHub, type DiscordHub } from '../helpers/discord-hub.ts';
import { startGitHubHub } from '../helpers/github-hub.ts';
import { PEOPLE, STRANGER } from './people.ts';

const FIXTURES = new URL('../fixtures/discord/', import.meta.url).pathname;
const fixture = (name: string) => JSON.parse(readFileSync(`${FIXTURES}${name}.json`, 'utf8'));

describe('POST /discord/interactions', () => {
  let hub: DiscordHub;
  beforeAll(async () => {
    hub = await startDiscordHub({ people: PEOPLE });
  });
  afterAll(async () => hub?.close());

  it('answers PING with PONG once the signature holds', async () => {
    const response = await hub.interact(ping());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ type: 1 });
  });

  it('refuses a tampered body, a bad signature, a missing one and a stale timestamp with 401, before reading the body', async () => {
    const body = JSON.stringify(ping());
    const signed = hub.signer.sign(body);
    const tampered = await fetch(`${hub.hub.url}/discord/interactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature-ed25519': signed['X-Signature-Ed25519'], 'x-signature-timestamp': signed['X-Signature-Timestamp'] },
      body: body.replace('"type":1', '"type":2'),
    });
    expect(tampered.status).toBe(401);
    expect((await json(tampered)).error.code).toBe('unauthorized');
    expect((await hub.interact(ping(), { signature: 'ab'.repeat(64) })).status).toBe(401);
    expect((await hub.interact(ping(), { signature: null })).status).toBe(401);
    const stale = String(Math.floor(Date.now() / 1000) - 600);
    const staleResponse = await hub.interact(ping(), { timestamp: stale });
    expect(staleResponse.status).toBe(401);
    expect((await json(staleResponse)).error.message).toMatch(/five minutes/);
    // Not JSON, or JSON that is no interaction, though signed: 400, not a crash.
    expect((await hub.interact(null, { body: '{"type":' })).status).toBe(400);
    expect((await hub.interact(null, { body: '[1,2,3]' })).status).toBe(400);
    expect((await hub.interact(null, { body: JSON.stringify({ type: 'x' }) })).status).toBe(400);
  });

  it('answers commands it does not have (the recorded fixtures) with a refusal, never silence', async () => {
    const slash = await hub.answer({ ...fixture('application_command.slash'), application_id: hub.discord.applicationId });
    expect(slash.type).toBe(4);
    expect(slash.data.flags).toBe(64);
    expect(slash.data.content).toMatch(/do not know this command/);
    const user = await hub.answer(fixture('application_command.user'));
    expect(user.type).toBe(4);
    expect(user.data.content).toMatch(/do not know this command/);
  });

  it('tells someone who is not in the registry how to be added, with their own Discord id', async () => {
    const answer = await hub.answer(slashCommand({ name: 'whoami', userId: STRANGER }));
    expect(answer.data.flags).toBe(64);
    expect(answer.data.content).toContain(STRANGER);
    expect(answer.data.content).toContain('members.yaml');
  });

  it('stores hostile text harmlessly and keeps serving: lone surrogates, NUL, huge and deep options', async () => {
    const hostile = slashCommand({ name: 'request', subcommand: 'status', options: [{ type: 3, name: 'id', value: '\uD800<script>alert(1)</script>\u0000' }] });
    const answer = await hub.answer(hostile);
    expect(answer.type).toBe(4);
    expect(answer.data.flags).toBe(64);
    expect(answer.data.allowed_mentions).toEqual({ parse: [] });
    let deep: unknown = 'x';
    for (let level = 0; level < 500; level++) deep = { options: [deep] };
    const nested = await hub.interact({ ...slashCommand({ name: 'vote' }), data: { name: 'vote', type: 1, id: '1', options: [deep] } });
    expect(nested.status).toBeLessThan(500);
    const huge = await hub.interact(slashCommand({ name: 'request', subcommand: 'status', options: [{ type: 3, name: 'id', value: 'x'.repeat(2_000_000) }] }));
    expect(huge.status).toBe(413);
    expect((await hub.interact(ping())).status).toBe(200);
  });
});

describe('POST /discord/interactions without DISCORD_PUBLIC_KEY', () => {
  it('answers 503 and says what to set', async () => {
    const hub = await startGitHubHub();
    try {
      const response = await fetch(`${hub.hub.url}/discord/interactions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":1}' });
      expect(response.status).toBe(503);
      expect((await json(response)).error.message).toContain('DISCORD_PUBLIC_KEY');
    } finally {
      await hub.close();
    }
  });
});
