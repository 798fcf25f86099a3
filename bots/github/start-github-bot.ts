import type { Logger } from '../../api/logger.ts';
import type { ServiceContext } from '../../api/services/context.ts';
import { createFeedConsumer, type FeedConsumer } from '../notify/feed-consumer.ts';
import type { DeliverMessage } from '../notify/outbox-deliverer.ts';
import type { BotContext } from './bot-context.ts';
import { createDeliveryQueue, type DeliveryQueue } from './delivery-queue.ts';
import { describeGitHubBot, type GitHubSettings } from './github-settings.ts';
import { createAppClient, createRepositoryClient, type GitHubClient } from './octokit.ts';
import { syncFromGitHub, type SyncReport } from './reconciler.ts';
import { deliverToGitHub } from './sync/deliver-to-github.ts';
import { GITHUB_CHANNEL } from './sync/github-messages.ts';
import { githubFeed } from './sync/github-feed.ts';

export type GitHubBot = {
  /** The outbox channel, when the bot may write to GitHub. */
  channel: DeliverMessage | null;
  queue: DeliveryQueue;
  feed: FeedConsumer;
  /** `github sync` once, now; null when the bot has no credentials or repository. */
  sync(options?: { dryRun?: boolean }): Promise<SyncReport | null>;
  stop(): Promise<void>;
};

/**
 * The GitHub bot inside the hub: the delivery queue that applies stored webhooks, the feed that
 * turns ledger entries into GitHub messages, the outbox channel that sends them (with credentials),
 * and the reconciler on its schedule. Logs whether each part is on, and why not.
 */
export function startGitHubBot(options: {
  services: ServiceContext;
  settings: GitHubSettings;
  logger: Logger;
  kickOutbox: () => void;
  /** False for the CLI: nothing runs until it is called (no polling, no reconciler schedule). */
  background?: boolean;
}): GitHubBot {
  const { services, settings, logger, background = true } = options;
  const pollMs = background ? 1000 : 0;
  const clientOptions = settings.auth ? { apiUrl: settings.apiUrl, auth: settings.auth, logger, writeIntervalMs: settings.writeIntervalMs, retryBaseMs: settings.retryBaseMs } : null;
  const clients = new Map<string, Promise<GitHubClient>>();
  const bot: BotContext = { services, logger, publicUrl: settings.publicUrl, botLogin: null };
  const clientFor = clientOptions
    ? (repository: string) => {
        let client = clients.get(repository);
        if (!client) {
          client = createRepositoryClient(clientOptions, repository);
          // A failed App lookup is tried again next time rather than remembered.
          client.catch(() => clients.delete(repository));
          // With a token the bot writes as a user account: learn its login, so its own label
          // changes are not taken for a person's (an App's are known by the user type Bot).
          if (clientOptions.auth.kind === 'token')
            void client.then((octokit) => octokit.rest.users.getAuthenticated()).then(({ data }) => void (bot.botLogin = data.login), () => undefined);
          clients.set(repository, client);
        }
        return client;
      }
    : null;
  const feed = createFeedConsumer({ services, channel: GITHUB_CHANNEL, map: githubFeed(services, settings.publicUrl, settings.auth ? settings.contentRepository : null), logger, onQueued: options.kickOutbox, pollMs });
  const queue = createDeliveryQueue({
    bot,
    client: clientFor && settings.repository ? () => clientFor(settings.repository!) : null,
    pollMs,
    onApplied: () => {
      feed.kick();
      options.kickOutbox();
    },
  });
  const sync = async ({ dryRun = false } = {}) => {
    if (!clientFor || !settings.repository) return null;
    const report = await syncFromGitHub(services, { client: await clientFor(settings.repository), appClient: clientOptions ? createAppClient(clientOptions) : null, repository: settings.repository, dryRun, logger });
    if (report.caughtUp.length > 0) queue.kick();
    return report;
  };
  const reconciler =
    background && settings.syncMinutes > 0 && clientFor && settings.repository
      ? setInterval(() => {
          sync().then(
            (report) => report && (report.caughtUp.length || report.redeliveriesAsked.length) && logger.info('github sync', { caughtUp: report.caughtUp.length, redeliveriesAsked: report.redeliveriesAsked.length }),
            (error: unknown) => logger.warn('github sync failed', { error: error instanceof Error ? error.message : String(error) }),
          );
        }, settings.syncMinutes * 60_000)
      : null;
  reconciler?.unref();
  if (background) {
    logger.info('github bot', describeGitHubBot(settings));
    queue.kick();
    feed.kick();
  }
  return {
    channel: clientFor ? deliverToGitHub(clientFor) : null,
    queue,
    feed,
    sync,
    async stop() {
      if (reconciler) clearInterval(reconciler);
      await queue.stop();
      await feed.stop();
    },
  };
}
