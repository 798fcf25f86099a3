import { REST } from '@discordjs/rest';
import type { APIGuild } from 'discord-api-types/v10';
import { Routes } from 'discord-api-types/v10';
import type { Logger } from '../../api/logger.ts';
import type { ServiceContext } from '../../api/services/context.ts';
import { listProposals } from '../../api/services/decisions/proposals.ts';
import { beginFeedAtHead, createFeedConsumer, type FeedConsumer } from '../notify/feed-consumer.ts';
import type { DeliverMessage } from '../notify/outbox-deliverer.ts';
import { describeDiscordBot, type DiscordSettings } from './discord-settings.ts';
import { startGatewayAdapter, type GatewayAdapter } from './gateway-adapter.ts';
import { createInteractionHandler } from './interaction-handler.ts';
import type { InteractionHandler } from './interactions-route.ts';
import { DISCORD_CHANNEL } from './messages/discord-messages.ts';
import { decisionMessageOf, discordFeed } from './notify/discord-feed.ts';
import { deliverToDiscord } from './notify/deliver-to-discord.ts';

export type DiscordBot = {
  /** The interaction handler both transports feed. */
  handle: InteractionHandler;
  /** The outbox channel, when the bot may post (DISCORD_TOKEN is set). */
  channel: DeliverMessage | null;
  /** Null while the bot may not post: nothing is queued for Discord then. */
  feed: FeedConsumer | null;
  gateway: GatewayAdapter | null;
  stop(): Promise<void>;
};

const LOCALE_TTL_MS = 10 * 60_000;

/**
 * The Discord bot inside the hub: the interaction handler (fed by `POST /discord/interactions` or,
 * for a hub Discord cannot reach, the gateway), the feed that turns ledger entries into decision
 * messages, reminders and announcements, and the outbox channel that posts them. The feed runs
 * once per debounce interval, so the ballots of one interval are one edit of a decision message.
 */
export async function startDiscordBot(options: { services: ServiceContext; settings: DiscordSettings; logger: Logger; kickOutbox: () => void; background?: boolean }): Promise<DiscordBot> {
  const { services, settings, logger, background = true } = options;
  const rest = new REST({ api: settings.apiUrl, version: '10' });
  if (settings.token) rest.setToken(settings.token);
  rest.on('rateLimited', (info) => logger.warn('discord rate limited', { route: info.route, retryAfterMs: info.retryAfter, global: info.global, scope: info.scope }));

  const handle = createInteractionHandler({ services, logger, publicUrl: settings.publicUrl, rest, applicationId: settings.applicationId, deferAfterMs: settings.deferAfterMs });
  let locale: { value: string; until: number } | null = null;
  const guildLocale = async () => {
    if (!settings.guildId) return 'en-US';
    if (locale && locale.until > Date.now()) return locale.value;
    try {
      const guild = (await rest.get(Routes.guild(settings.guildId))) as APIGuild;
      locale = { value: guild.preferred_locale, until: Date.now() + LOCALE_TTL_MS };
      return locale.value;
    } catch (error) {
      logger.warn('discord guild locale unknown; writing in English', { error: error instanceof Error ? error.message : String(error) });
      return locale?.value ?? 'en-US';
    }
  };

  const channels = settings.channels;
  let begun = false;
  const begin = async (kick: boolean) => {
    if (begun) return;
    const began = await beginFeedAtHead(services, DISCORD_CHANNEL, async () => {
      if (!channels.decisions) return [];
      const { items } = await listProposals(services, { state: 'open', limit: 100 });
      return Promise.all(items.map((proposal) => decisionMessageOf(services, channels.decisions!, proposal.id)));
    });
    begun = true;
    if (began && kick) options.kickOutbox();
  };
  const feed = settings.token
    ? createFeedConsumer({ services, channel: DISCORD_CHANNEL, map: discordFeed(services, channels), logger, onQueued: options.kickOutbox, pollMs: background ? Math.max(settings.debounceMs, 100) : 0, beforePass: () => begin(true) })
    : null;
  const gateway = settings.gateway ? startGatewayAdapter({ token: background ? settings.token : null, apiUrl: settings.apiUrl, rest, handle, logger }) : null;
  // The feed begins at the ledger's head as the hub starts, not at its first pass: what happens in
  // between (a run's first report, a request) is announced.
  if (feed) await begin(false).catch((error) => logger.warn('discord feed not begun yet; its next pass tries again', { error: error instanceof Error ? error.message : String(error) }));
  if (background) logger.info('discord bot', describeDiscordBot(settings));
  return {
    handle,
    channel: settings.token ? deliverToDiscord({ services, rest, publicUrl: settings.publicUrl, guildLocale }) : null,
    feed,
    gateway,
    async stop() {
      await gateway?.stop();
      await feed?.stop();
    },
  };
}

