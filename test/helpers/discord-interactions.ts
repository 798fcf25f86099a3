import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';

/** Discord's epoch (2015-01-01) for snowflakes. */
const DISCORD_EPOCH = 1_420_070_400_000n;
let sequence = 0n;
const snowflake = () => String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) + (sequence++ % 4096n));

/** The application id interactions carry unless a test names one. */
export const TEST_APPLICATION_ID = '1200000000000000001';
const GUILD_ID = '1200000000000000002';
const CHANNEL_ID = '1100000000000000001';

/** A key pair as Discord holds one for an application: the public key in hex (as the developer portal shows it), and signing as Discord does. */
export function createInteractionSigner() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  // The raw 32-byte key is the end of its SPKI DER encoding.
  const publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  return {
    publicKeyHex,
    /** The headers Discord sends: Ed25519 over timestamp + body, hex. */
    sign(body: string, timestamp = String(Math.floor(Date.now() / 1000))) {
      const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
      return { 'X-Signature-Ed25519': signature, 'X-Signature-Timestamp': timestamp };
    },
  };
}

type Where = { userId?: string; locale?: string; guildLocale?: string; guildId?: string; channelId?: string; applicationId?: string };
export type OptionValue = { type: number; name: string; value?: string | number | boolean; focused?: boolean; options?: OptionValue[] };

/** What every interaction carries, shaped like ../shared/fixtures/discord/: a fresh id and token each time. */
function envelope(type: number, where: Where) {
  const userId = where.userId ?? '100000000000000000';
  return {
    id: snowflake(),
    application_id: where.applicationId ?? TEST_APPLICATION_ID,
    type,
    token: `interaction-token-${randomBytes(24).toString('base64url')}`,
    version: 1,
    guild_id: where.guildId ?? GUILD_ID,
    channel_id: where.channelId ?? CHANNEL_ID,
    app_permissions: '442368',
    locale: where.locale ?? 'en-US',
    guild_locale: where.guildLocale ?? 'en-US',
    member: {
      user: { id: userId, username: `user${userId.slice(-4)}`, discriminator: '0', avatar: null, global_name: null, public_flags: 0 },
      roles: [],
      permissions: '2147483647',
      pending: false,
      nick: null,
      mute: false,
      deaf: false,
      joined_at: '2026-01-13T09:00:00.000000+00:00',
    },
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD_ID },
    context: 0,
  };
}

/** The options of a chat-input command, a subcommand wrapping its own. */
function commandOptions(subcommand: string | undefined, options: OptionValue[] = []): OptionValue[] {
  return subcommand ? [{ type: 1, name: subcommand, options }] : options;
}

/** A slash command (type 2, chat input). */
export function slashCommand(input: { name: string; subcommand?: string; options?: OptionValue[] } & Where) {
  return { ...envelope(2, input), data: { id: snowflake(), name: input.name, type: 1, options: commandOptions(input.subcommand, input.options) } };
}

/** Typing in an autocomplete option (type 4): one option is `focused`. */
export function autocomplete(input: { name: string; subcommand?: string; options: OptionValue[] } & Where) {
  return { ...envelope(4, input), data: { id: snowflake(), name: input.name, type: 1, options: commandOptions(input.subcommand, input.options) } };
}

/** A click on a button (type 3, component type 2) of a message the bot sent. */
export function buttonClick(input: { customId: string; messageId: string } & Where) {
  const base = envelope(3, input);
  return {
    ...base,
    message: { id: input.messageId, channel_id: base.channel_id, type: 0, content: '', embeds: [], components: [], author: { id: base.application_id, username: 'Agora', bot: true }, timestamp: new Date().toISOString() },
    data: { custom_id: input.customId, component_type: 2 },
  };
}

/** A modal submitted (type 5): one action row per text input. */
export function modalSubmit(input: { customId: string; fields: Record<string, string> } & Where) {
  return {
    ...envelope(5, input),
    data: {
      custom_id: input.customId,
      components: Object.entries(input.fields).map(([customId, value]) => ({ type: 1, components: [{ type: 4, custom_id: customId, value }] })),
    },
  };
}

/** Discord's check that the endpoint is the application's (type 1). */
export function ping() {
  return { id: snowflake(), application_id: TEST_APPLICATION_ID, type: 1, token: `interaction-token-${randomBytes(24).toString('base64url')}`, version: 1 };
}
