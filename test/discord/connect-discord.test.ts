import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInteractionSigner, ping, slashCommand } from '../helpers/discord-interactions.ts';
import { startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord.ts';
import { json } from '../helpers/http.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server.ts';

const REPO_ROOT = new URL('../..', import.meta.url).pathname;
const run = promisify(execFile);

/** The README's "Connect Discord" commands, exactly as written there. */
function readmeCommands(): string[] {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const block = /<!-- connect-discord:start -->\s*```sh\n([\s\S]*?)```\s*<!-- connect-discord:end -->/.exec(readme);
  if (!block) throw new Error('README.md has no connect-discord block');
  return block[1]!.trim().split('\n');
}

describe('README: Connect Discord, run as written against the fake Discord', () => {
  let discord: FakeDiscord;
  let dir: string;
  let hub: ServerProcess | undefined;
  beforeAll(async () => {
    discord = await startFakeDiscord();
    dir = mkdtempSync(join(tmpdir(), 'agora-connect-discord-'));
  });
  afterAll(async () => {
    await hub?.stop();
    await discord.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers the commands in the server and starts a hub that says the bot is on and answers Discord’s signed PING', async () => {
    const commands = readmeCommands();
    expect(commands.at(-1)).toBe('npm start');
    const signer = createInteractionSigner();
    // The values the Developer Portal and the server would give: here the fake's and a key made here.
    const actual: Record<string, string> = {
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_PUBLIC_KEY: signer.publicKeyHex,
      DISCORD_TOKEN: discord.botToken,
      DISCORD_GUILD_ID: discord.guildId,
      DISCORD_CHANNEL_DECISIONS: discord.channels.decisions,
      DISCORD_CHANNEL_ANNOUNCEMENTS: discord.channels.announcements,
    };
    const exported = Object.fromEntries(
      commands.filter((line) => line.startsWith('export ')).map((line) => {
        const [name, value] = line.slice('export '.length).split(/=(.*)/s) as [string, string];
        return [name, actual[name] ?? value];
      }),
    );
    expect(Object.keys(exported).sort()).toEqual([...Object.keys(actual), 'PUBLIC_URL'].sort());
    const script = commands
      .slice(0, -1)
      .map((line) => {
        const name = line.startsWith('export ') ? line.slice('export '.length).split('=')[0]! : '';
        return actual[name] ? `export ${name}=${actual[name]}` : line;
      })
      .join('\n');
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, DISCORD_API_URL: discord.url, DATABASE_URL: `file:${join(dir, 'agora.db')}`, AGORA_DEMO: 'false', LOG_LEVEL: 'warn' };
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script], { cwd: REPO_ROOT, env, timeout: 120_000 });
    expect(stdout).toContain(`Registered 7 command(s) in server ${discord.guildId}`);
    expect(discord.commands(discord.guildId).map((command) => command.name).sort()).toEqual(['concern', 'model', 'proposal', 'request', 'training', 'vote', 'whoami']);

    hub = await startServerProcess({ ...env, ...exported, AGORA_SKIP_SITE: 'true', LOG_LEVEL: 'info' });
    await hub.waitForLog((entry) => entry.msg === 'discord bot');
    expect(hub.stderr()).toContain('Discord in     on: POST https://agora.example.eu/discord/interactions');
    expect(hub.stderr()).toContain(`Discord out    on against ${discord.url}`);
    const send = (interaction: unknown) => {
      const body = JSON.stringify(interaction);
      const signed = signer.sign(body);
      return fetch(`${hub!.url}/discord/interactions`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-signature-ed25519': signed['X-Signature-Ed25519'], 'x-signature-timestamp': signed['X-Signature-Timestamp'] },
      });
    };
    expect(await json(send(ping()))).toEqual({ type: 1 });
    const stranger = await json(send(slashCommand({ name: 'whoami', userId: '100000000000000099', applicationId: discord.applicationId })));
    expect(stranger.data.content).toContain('100000000000000099');
  }, 180_000);
});
