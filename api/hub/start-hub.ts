import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { migrateDatabase, openDatabase } from '../../db/index.ts';
import { createApp } from '../app.ts';
import { listen } from '../http/listen.ts';
import { createOutboxDeliverer } from '../../bots/notify/outbox-deliverer.ts';
import { createRateLimits } from '../http/rate-limits.ts';
import type { Config } from '../env.ts';
import type { Logger } from '../logger.ts';
import { formatProblem, type ContentProblem } from '../services/content/content-problems.ts';
import { syncContent } from '../services/content/sync-content.ts';
import { systemActor, type ServiceContext } from '../services/context.ts';
import { isAppError } from '../services/errors.ts';
import { runDecisionClock } from '../services/decisions/clock.ts';
import { runRequestClock } from '../services/requests/request-clock.ts';
import { seedNewHub } from '../services/demo/seed-demo.ts';
import { issueBootstrapToken } from './bootstrap-token.ts';
import { createSiteManager } from './site-manager.ts';
import { githubSettings } from '../../bots/github/github-settings.ts';
import { startGitHubBot, type GitHubBot } from '../../bots/github/start-github-bot.ts';
import { GITHUB_CHANNEL } from '../../bots/github/sync/github-messages.ts';
import { discordSettings } from '../../bots/discord/discord-settings.ts';
import { DISCORD_CHANNEL } from '../../bots/discord/messages/discord-messages.ts';
import { startDiscordBot, type DiscordBot } from '../../bots/discord/start-discord-bot.ts';
import { discordPublicKey } from '../../bots/discord/verify-interaction.ts';

export type RunningHub = {
  url: string;
  /** The GitHub bot's queue, feed and reconciler (tests drive them; `github sync` runs its sync). */
  github: GitHubBot;
  /** The Discord bot's handler, feed and channel (tests drive the feed). */
  discord: DiscordBot;
  /** Delivers what the outbox holds now (tests; the hub also does it on its own). */
  deliverOutbox: () => Promise<void>;
  /** The first admin token's secret, when this start issued it. */
  bootstrapToken: string | null;
  siteReady: () => Promise<void>;
  close(): Promise<void>;
};

/**
 * Everything `npm start` does: migrate, sync content, issue the first admin token on a new hub,
 * serve API and site, and build the site in the background when it is missing or stale.
 */
export async function startHub(config: Config, logger: Logger, clock: () => Date = () => new Date()): Promise<RunningHub> {
  const database = await openDatabase({ url: config.DATABASE_URL, authToken: config.DATABASE_AUTH_TOKEN });
  const { repairedText } = await migrateDatabase(database);
  if (repairedText?.length)
    logger.warn('stored text that was not UTF-8 was rewritten with U+FFFD (written before the text guard)', { repaired: repairedText });
  const services: ServiceContext = { database, clock };

  await syncAtStart(services, config.CONTENT_DIR, logger);
  if (config.AGORA_DEMO) await seedNewHub(services, logger, config.CONTENT_DIR);
  const bootstrapToken = await issueBootstrapToken(services);
  // Votes whose close fell while the hub was down close now, at the instant they should have.
  const tick = async () => {
    try {
      const now = clock().toISOString();
      await runDecisionClock(services, now, logger);
      await runRequestClock(services, now);
    } catch (error) {
      logger.error('clock failed', { error: error instanceof Error ? error.message : String(error) });
    }
  };
  await tick();
  const decisionClock = setInterval(() => void tick(), config.DECISION_CLOCK_SECONDS * 1000);
  decisionClock.unref();

  // Calls to GitHub and Discord leave from here, after their writes committed. A channel without
  // credentials is not connected: what is queued for it waits in the outbox until it is.
  const github = startGitHubBot({ services, settings: githubSettings(config), logger, kickOutbox: () => outbox.kick() });
  const discordConfig = discordSettings(config);
  const discord = await startDiscordBot({ services, settings: discordConfig, logger, kickOutbox: () => outbox.kick() });
  const channels = { ...(github.channel ? { [GITHUB_CHANNEL]: github.channel } : {}), ...(discord.channel ? { [DISCORD_CHANNEL]: discord.channel } : {}) };
  const outbox = createOutboxDeliverer({ services, channels, logger });
  const rateLimits = createRateLimits(config.RATE_LIMIT_MULTIPLIER);

  const site = config.AGORA_SKIP_SITE ? null : createSiteManager({ services, logger, outDir: resolve(config.SITE_OUT_DIR) });
  const closing = new AbortController();
  const app = createApp({
    services,
    logger,
    closing: closing.signal,
    rateLimits,
    publicUrl: config.PUBLIC_URL,
    githubWebhook: { secrets: githubSettings(config).secrets, onStored: () => github.queue.kick() },
    discordInteractions: { publicKey: discordConfig.publicKey ? discordPublicKey(discordConfig.publicKey) : null, handle: discord.handle },
    site: site?.host ?? { dir: '/nonexistent', state: () => 'disabled' },
  });

  const server = await listen(app.fetch, config.PORT, config.HOST);
  const port = (server.address() as AddressInfo).port;
  const url = config.PORT === port ? config.PUBLIC_URL : `http://${config.HOST}:${port}`;
  logger.info('listening', { url, host: config.HOST, port, database: database.kind });
  const siteBuild = site ? site.refresh() : Promise.resolve();
  // Votes, reports and imports change what the pages show; rebuild when the fingerprint moved.
  const refresher =
    site && config.SITE_REFRESH_SECONDS > 0 ? setInterval(() => void site.refresh(), config.SITE_REFRESH_SECONDS * 1000) : null;
  refresher?.unref();

  return {
    url,
    github,
    discord,
    deliverOutbox: () => outbox.deliverDue(),
    bootstrapToken,
    siteReady: () => siteBuild,
    async close() {
      closing.abort();
      if (refresher) clearInterval(refresher);
      clearInterval(decisionClock);
      await github.stop();
      await discord.stop();
      await outbox.stop();
      await site?.stop();
      await closeServer(server);
      database.close();
    },
  };
}

/** A broken content file must not take a running hub down: keep the last good data and say why. */
async function syncAtStart(services: ServiceContext, contentDir: string, logger: Logger): Promise<void> {
  try {
    const summary = await syncContent(services, { actor: systemActor('sync'), input: { contentDir } });
    logger.info('content synced', { contentDir, ...summary });
  } catch (error) {
    if (!isAppError(error) || error.code !== 'invalid') throw error;
    const problems = (error.details as { problems?: ContentProblem[] } | undefined)?.problems ?? [];
    logger.error('content is invalid; serving the last synced content', {
      contentDir,
      problems: problems.map(formatProblem),
    });
  }
}


/** Stops accepting connections, lets requests in flight finish, then closes what is left. */
function closeServer(server: Server, graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    const closeIdle = () => 'closeIdleConnections' in server && server.closeIdleConnections();
    // Keep-alive connections become idle as their last answers (event streams included) end.
    const sweep = setInterval(closeIdle, 100);
    const force = setTimeout(() => 'closeAllConnections' in server && server.closeAllConnections(), graceMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      clearInterval(sweep);
      resolve();
    });
    closeIdle();
  });
}
