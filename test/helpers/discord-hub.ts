import { startFakeDiscord, type FakeDiscord } from './fake-discord.ts';
import { createInteractionSigner } from './discord-interactions.ts';
import { startGitHubHub, type GitHubHub, type HubPerson } from './github-hub.ts';

export type DiscordHub = GitHubHub & {
  discord: FakeDiscord;
  signer: ReturnType<typeof createInteractionSigner>;
  /** Posts an interaction to the hub as Discord would: signed now, unless told otherwise. */
  interact(interaction: unknown, options?: { body?: string; timestamp?: string; signature?: string | null }): Promise<Response>;
  /** Posts an interaction and answers its JSON response (expects 200). */
  answer(interaction: unknown): Promise<Record<string, any>>;
  /** Opens a vote through the API as the secretariat would (admin token). */
  openProposal(input: { kind: string; title: string; id?: string }): Promise<string>;
  /** A personal write token of a member. */
  tokenFor(memberId: string): Promise<string>;
};

/**
 * The real hub (startHub on a file database, as github-hub.ts starts it, GitHub connected to its
 * fake) with Discord connected to a fake Discord on 127.0.0.1: interactions reach the hub over
 * HTTP signed with a key pair made here, and its messages go to the fake through @discordjs/rest.
 */
export async function startDiscordHub(options: { people?: HubPerson[]; env?: Record<string, string>; guildLocale?: string } = {}): Promise<DiscordHub> {
  const discord = await startFakeDiscord({ guildLocale: options.guildLocale ?? 'en-US' });
  const signer = createInteractionSigner();
  const hub = await startGitHubHub({
    people: options.people ?? [],
    env: {
      DISCORD_PUBLIC_KEY: signer.publicKeyHex,
      DISCORD_TOKEN: discord.botToken,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_GUILD_ID: discord.guildId,
      DISCORD_CHANNEL_DECISIONS: discord.channels.decisions,
      DISCORD_CHANNEL_ANNOUNCEMENTS: discord.channels.announcements,
      DISCORD_API_URL: discord.url,
      DISCORD_INTERACTIONS: 'http',
      DISCORD_TALLY_DEBOUNCE_MS: '200',
      ...options.env,
    },
  });
  const closeHub = hub.close;
  const self = Object.assign(hub, {
    discord,
    signer,
    async interact(interaction: unknown, { body = JSON.stringify(interaction), timestamp, signature }: { body?: string; timestamp?: string; signature?: string | null } = {}) {
      // Discord and the hub share a clock: a test that moves the hub's clock moves Discord's with it.
      const signed = signer.sign(body, timestamp ?? String(Math.floor(hub.clock().getTime() / 1000)));
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-signature-timestamp': signed['X-Signature-Timestamp'] };
      if (signature !== null) headers['x-signature-ed25519'] = signature ?? signed['X-Signature-Ed25519'];
      return fetch(`${hub.hub.url}/discord/interactions`, { method: 'POST', headers, body });
    },
    async answer(interaction: unknown) {
      const response = await self.interact(interaction);
      if (response.status !== 200) throw new Error(`interaction answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as Record<string, any>;
    },
    async openProposal(input: { kind: string; title: string; id?: string }) {
      // One open vote per kind and subject: each vote of a test is about a document of its own.
      const subject = input.kind === 'membership' ? { type: 'membership', reference: 'ai-sweden' } : { type: 'policy', reference: `policy:${input.title}` };
      const response = await hub.api('/api/v1/proposals', { method: 'POST', token: hub.adminToken, body: JSON.stringify({ ...input, subject }) });
      if (response.status !== 201) throw new Error(`opening the proposal answered ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { id: string }).id;
    },
    async tokenFor(memberId: string) {
      const response = await hub.api('/api/v1/tokens', { method: 'POST', token: hub.adminToken, body: JSON.stringify({ name: memberId, scopes: ['write'], memberId }) });
      if (response.status !== 201) throw new Error(`token answered ${response.status}`);
      return ((await response.json()) as { secret: string }).secret;
    },
    async close() {
      await closeHub();
      await discord.close();
    },
  });
  return self;
}
