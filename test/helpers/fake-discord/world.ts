/** Discord's epoch (2015-01-01) for snowflakes. */
const DISCORD_EPOCH = 1_420_070_400_000n;

export type FakeMessage = {
  id: string;
  channel_id: string;
  author: { id: string; username: string; bot: true };
  content: string;
  embeds: unknown[];
  components: unknown[];
  allowed_mentions?: unknown;
  nonce?: string;
  timestamp: string;
  edited_timestamp: string | null;
};

export type FakeThread = { id: string; name: string; parent_id: string; type: 11 };

/** A call the fake answered: the path below `/api/v10`. */
export type DiscordCall = { method: string; path: string; body: unknown; headers: Record<string, string>; status: number; at: number };

export type WebhookCall = { method: string; path: string; body: unknown };

/** Everything the fake Discord holds; routes change it, the test reads it. */
export type DiscordWorld = {
  botToken: string;
  applicationId: string;
  guildId: string;
  guildLocale: string;
  /** Text channels and threads that exist (a thread is a channel). */
  channels: Set<string>;
  /** Messages in the order they were created. */
  messages: Map<string, FakeMessage>;
  /** Every PATCH body a message received, in order. */
  edits: Map<string, unknown[]>;
  /** Threads by id (a thread started from a message has that message's id). */
  threads: Map<string, FakeThread>;
  /** `channel:nonce` → the message it created and when, for `enforce_nonce`. */
  nonces: Map<string, { messageId: string; at: number }>;
  interactionResponses: Map<string, unknown[]>;
  webhookCalls: Map<string, WebhookCall[]>;
  /** Registered commands: `global` or a guild id → the last bulk overwrite. */
  commands: Map<string, unknown[]>;
  nextSnowflake(): string;
};

export function createWorld(options: { guildLocale: string; channels: string[] }): DiscordWorld {
  let sequence = 0n;
  const nextSnowflake = () => String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) + sequence++);
  return {
    botToken: `fake-bot-token.${nextSnowflake()}`,
    applicationId: nextSnowflake(),
    guildId: nextSnowflake(),
    guildLocale: options.guildLocale,
    channels: new Set(options.channels),
    messages: new Map(),
    edits: new Map(),
    threads: new Map(),
    nonces: new Map(),
    interactionResponses: new Map(),
    webhookCalls: new Map(),
    commands: new Map(),
    nextSnowflake,
  };
}
