import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REST } from '@discordjs/rest';
import { startGatewayAdapter } from '../../bots/discord/gateway-adapter.ts';
import { silentLogger } from '../../api/logger.ts';
import { slashCommand } from '../helpers/discord-interactions.ts';
import { startDiscordHub, type DiscordHub } from '../helpers/discord-hub.ts';
import { runCli as runAgora } from '../../api/cli.ts';
import { DANA, PEOPLE } from './people.ts';

async function runCli(args: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAgora(args, env, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('the gateway adapter and command registration', () => {
  let hub: DiscordHub;
  beforeAll(async () => {
    hub = await startDiscordHub({ people: PEOPLE });
  });
  afterAll(async () => hub?.close());

  it('answers an interaction from the gateway with the same handler, as the interaction’s callback', async () => {
    const rest = new REST({ api: hub.discord.url, version: '10' });
    const adapter = startGatewayAdapter({ token: null, apiUrl: hub.discord.url, rest, handle: hub.hub.discord.handle, logger: silentLogger });
    const interaction = slashCommand({ name: 'whoami', userId: DANA.discord });
    await adapter.dispatch(interaction as never);
    const [callback] = hub.discord.interactionResponses(interaction.id);
    expect(callback).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('You are **dana-delegate**') } });
    await adapter.stop();
  });

  it('`discord register-commands --guild ID` overwrites the server’s commands with every command, localised', async () => {
    const { code, stdout } = await runCli(['discord', 'register-commands', '--guild', hub.discord.guildId], hub.env);
    expect(code).toBe(0);
    expect(stdout).toContain(`Registered 7 command(s) in server ${hub.discord.guildId}`);
    const registered = hub.discord.commands(hub.discord.guildId);
    expect(registered.map((command: { name: string }) => command.name).sort()).toEqual(['concern', 'model', 'proposal', 'request', 'training', 'vote', 'whoami']);
    const vote = registered.find((command: { name: string }) => command.name === 'vote')!;
    expect(vote.description_localizations.de).toBeTruthy();
    expect(vote.options.find((option: { name: string }) => option.name === 'proposal').autocomplete).toBe(true);
    // Globally too; and without credentials it says what is missing.
    expect((await runCli(['discord', 'register-commands'], hub.env)).code).toBe(0);
    expect(hub.discord.commands()).toHaveLength(7);
    const { DISCORD_TOKEN: _token, ...withoutToken } = hub.env;
    const refused = await runCli(['discord', 'register-commands'], withoutToken);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('DISCORD_TOKEN');
  });
});
