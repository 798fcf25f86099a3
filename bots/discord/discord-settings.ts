import type { Config } from '../../api/env.ts';

export type DiscordSettings = {
  /** Hex Ed25519 key of the application; null → `/discord/interactions` answers 503. */
  publicKey: string | null;
  token: string | null;
  applicationId: string | null;
  guildId: string | null;
  channels: { decisions: string | null; announcements: string | null };
  apiUrl: string;
  publicUrl: string;
  /** Receive interactions over the gateway (discord.js Client) rather than over HTTP. */
  gateway: boolean;
  debounceMs: number;
  deferAfterMs: number;
};

/** The bot's settings from the hub's configuration; what is missing turns a part off, never the hub. */
export function discordSettings(config: Config): DiscordSettings {
  const token = config.DISCORD_TOKEN ?? null;
  const gateway = token !== null && (config.DISCORD_INTERACTIONS === 'gateway' || (config.DISCORD_INTERACTIONS === 'auto' && !config.PUBLIC_URL_SET));
  return {
    publicKey: config.DISCORD_PUBLIC_KEY ?? null,
    token,
    applicationId: config.DISCORD_APPLICATION_ID ?? null,
    guildId: config.DISCORD_GUILD_ID ?? null,
    channels: { decisions: config.DISCORD_CHANNEL_DECISIONS ?? null, announcements: config.DISCORD_CHANNEL_ANNOUNCEMENTS ?? null },
    apiUrl: config.DISCORD_API_URL.replace(/\/+$/, ''),
    publicUrl: config.PUBLIC_URL.replace(/\/+$/, ''),
    gateway,
    debounceMs: config.DISCORD_TALLY_DEBOUNCE_MS,
    deferAfterMs: config.DISCORD_DEFER_AFTER_MS,
  };
}

/** What `npm start` says about the bot: each part on, or off and why. */
export function describeDiscordBot(settings: DiscordSettings): { interactions: string; messages: string } {
  const interactions = settings.gateway
    ? 'on: over the gateway (DISCORD_TOKEN is set and PUBLIC_URL is not, or DISCORD_INTERACTIONS=gateway)'
    : settings.publicKey
      ? `on: POST ${settings.publicUrl}/discord/interactions`
      : 'off: DISCORD_PUBLIC_KEY is unset (the endpoint answers 503) and the gateway is not used';
  const missing = [!settings.token && 'DISCORD_TOKEN', !settings.channels.decisions && 'DISCORD_CHANNEL_DECISIONS', !settings.channels.announcements && 'DISCORD_CHANNEL_ANNOUNCEMENTS'].filter(Boolean);
  const messages = !settings.token
    ? 'off: DISCORD_TOKEN is unset (nothing is posted to Discord)'
    : `on against ${settings.apiUrl}${missing.length ? ` (without ${missing.join(', ')}: those messages are not sent)` : ''}`;
  return { interactions, messages };
}
