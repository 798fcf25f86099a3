import { getRequestListener } from '@hono/node-server';
import { createDiscordFaults, type DiscordFault } from './fake-discord/faults.ts';
import { createDiscordApp } from './fake-discord/routes.ts';
import { createWorld, type DiscordCall, type FakeMessage, type FakeThread, type WebhookCall } from './fake-discord/world.ts';
import type { RequestMatch } from './fault-injector.ts';
import { startSocketServer, type DownMode } from './socket-server.ts';

export type { DiscordCall, FakeMessage, FakeThread, WebhookCall } from './fake-discord/world.ts';
export type { DiscordFault } from './fake-discord/faults.ts';

export type FakeDiscord = {
  /** The REST `api` option (`DISCORD_API_URL`): @discordjs/rest adds `/v10`. */
  url: string;
  botToken: string;
  applicationId: string;
  guildId: string;
  channels: { decisions: string; announcements: string };
  setGuildLocale(locale: string): void;
  /** Every request, in arrival order (paths below `/api/v10`). */
  calls: DiscordCall[];
  callsTo(method: string, path: RegExp | string): DiscordCall[];
  // What tests read is typed loosely (`any`): they assert on Discord's JSON, whose shape is the point of the test.
  /** Messages of a channel or thread as they stand now (edits applied), oldest first. */
  messagesIn(channelId: string): any[];
  message(id: string): any;
  /** The PATCH bodies a message received, in order. */
  edits(id: string): unknown[];
  /** The thread started from a message (its id is the message's). */
  thread(id: string): any;
  /** Responses posted to an interaction's callback (the gateway transport): Discord takes only the first. */
  interactionResponses(interactionId: string): any[];
  /** Follow-ups, edits and deletions through an interaction token. */
  webhookCalls(token: string): any[];
  /** The commands registered globally, or in a server. */
  commands(guildId?: string): any[];
  failNext(count: number, fault: DiscordFault): void;
  failFor(ms: number, fault: DiscordFault): void;
  recover(): void;
  down(mode?: DownMode): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
};

export type { RequestMatch };

/**
 * A Discord REST API on a free port of 127.0.0.1 that @discordjs/rest accepts unchanged: one server
 * with a decisions and an announcements channel, messages, edits, threads, interaction callbacks
 * and webhooks, command registration, Discord's error codes and rate-limit headers, injectable faults.
 * A request without the bot token (`Authorization: Bot …`) answers 401, except where Discord
 * authenticates by the token in the path.
 */
export async function startFakeDiscord(options: { guildLocale?: string } = {}): Promise<FakeDiscord> {
  const decisions = '1100000000000000001';
  const announcements = '1100000000000000002';
  const world = createWorld({ guildLocale: options.guildLocale ?? 'en-US', channels: [decisions, announcements] });
  const faults = createDiscordFaults();
  const calls: DiscordCall[] = [];
  const app = createDiscordApp(world, { faults, calls });
  const server = await startSocketServer(getRequestListener(app.fetch));
  return {
    url: `${server.url}/api`,
    botToken: world.botToken,
    applicationId: world.applicationId,
    guildId: world.guildId,
    channels: { decisions, announcements },
    setGuildLocale: (locale) => void (world.guildLocale = locale),
    calls,
    callsTo: (method, path) => calls.filter((call) => call.method === method.toUpperCase() && (typeof path === 'string' ? call.path === path : path.test(call.path))),
    messagesIn: (channelId) => [...world.messages.values()].filter((message) => message.channel_id === channelId),
    message: (id) => world.messages.get(id),
    edits: (id) => world.edits.get(id) ?? [],
    thread: (id) => world.threads.get(id),
    interactionResponses: (interactionId) => world.interactionResponses.get(interactionId) ?? [],
    webhookCalls: (token) => world.webhookCalls.get(token) ?? [],
    commands: (guildId) => (world.commands.get(guildId ?? 'global') ?? []) as any[],
    failNext: faults.failNext,
    failFor: faults.failFor,
    recover: faults.recover,
    down: server.down,
    up: server.up,
    close: server.close,
  };
}
