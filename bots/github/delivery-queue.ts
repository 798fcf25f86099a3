import { Webhooks, type EmitterWebhookEventName } from '@octokit/webhooks';
import { retryDelayMs } from '../notify/outbox-deliverer.ts';
import { serialPasses } from '../notify/serial-passes.ts';
import type { BotContext } from './bot-context.ts';
import { listQueuedDeliveries, markDeliveryApplied, markDeliveryFailed, type StoredDelivery } from '../../api/services/github/deliveries.ts';
import { applyComment, type CommentEvent } from './handlers/comments.ts';
import { applyIssueClosed, applyIssueDeleted, applyIssueLabels, applyIssueReopened, applyIssueTransferred } from './handlers/issue-lifecycle.ts';
import { applyIssueContent, type IssueEvent } from './handlers/issues.ts';
import { applyPullRequest, type PullRequestEvent } from './handlers/pull-requests.ts';
import type { GitHubClient } from './octokit.ts';

/** Attempts before a delivery that keeps failing is set aside as failed (it stays stored, for `github sync` and operators). */
export const MAX_DELIVERY_ATTEMPTS = 8;

export type DeliveryQueue = { applyQueued(): Promise<number>; kick(): void; stop(): Promise<void> };

type Handler = (payload: never) => Promise<string>;

/**
 * The handlers by `<event>.<action>`, routed by @octokit/webhooks. Events without one are stored
 * and marked applied with "no handler", so nothing GitHub sends is refused or lost.
 */
export function githubHandlers(bot: BotContext, client: (() => Promise<GitHubClient>) | null): Record<string, Handler> {
  return {
    'issues.opened': (event: IssueEvent) => applyIssueContent(bot, event),
    'issues.edited': (event: IssueEvent) => applyIssueContent(bot, event),
    'issues.reopened': (event: IssueEvent) => applyIssueReopened(bot, event),
    'issues.closed': (event: IssueEvent) => applyIssueClosed(bot, event),
    'issues.labeled': (event: IssueEvent) => applyIssueLabels(bot, event),
    'issues.unlabeled': (event: IssueEvent) => applyIssueLabels(bot, event),
    'issues.transferred': (event: IssueEvent) => applyIssueTransferred(bot, event),
    'issues.deleted': (event: IssueEvent) => applyIssueDeleted(bot, event),
    'issue_comment.created': (event: CommentEvent) => applyComment(bot, event),
    'issue_comment.edited': (event: CommentEvent) => applyComment(bot, event),
    'issue_comment.deleted': async () => 'comment deleted: its ballots and effects stay in the ledger',
    'pull_request.opened': (event: PullRequestEvent) => applyPullRequest(bot, event, client),
    'pull_request.synchronize': (event: PullRequestEvent) => applyPullRequest(bot, event, client),
    'pull_request.reopened': (event: PullRequestEvent) => applyPullRequest(bot, event, client),
    'pull_request.closed': (event: PullRequestEvent) => applyPullRequest(bot, event, client),
    ping: async () => 'ping: the webhook reaches the hub',
    installation: async (event: { action?: string; installation?: { id?: number } }) => `installation ${event.action ?? ''} (${event.installation?.id ?? '?'}) recorded`,
  };
}

/**
 * Applies stored deliveries from the durable queue, one at a time in arrival order. A handler's
 * effects are each applied once (bots/github/apply-once.ts), so a delivery that failed half-way
 * or is applied again after a crash does not repeat what it did. A failure is retried with backoff;
 * after MAX_DELIVERY_ATTEMPTS it is set aside as failed, with its error.
 */
export function createDeliveryQueue(options: { bot: BotContext; client: (() => Promise<GitHubClient>) | null; pollMs?: number; onApplied?: () => void }): DeliveryQueue {
  const { bot } = options;
  const outcomes = new Map<string, string>();
  const router = new Webhooks({ secret: 'routing-only: signatures are verified at the endpoint' });
  for (const [name, handler] of Object.entries(githubHandlers(bot, options.client)))
    router.on(name as EmitterWebhookEventName, async (event) => {
      outcomes.set(event.id, await (handler as (payload: unknown) => Promise<string>)(event.payload));
    });


  async function apply(delivery: StoredDelivery): Promise<void> {
    try {
      outcomes.delete(delivery.id);
      await router.receive({ id: delivery.id, name: delivery.event, payload: delivery.payload } as never);
      const outcome = outcomes.get(delivery.id) ?? `no handler for ${delivery.event}${delivery.action ? `.${delivery.action}` : ''}: recorded`;
      await markDeliveryApplied(bot.services, delivery, outcome);
    } catch (error) {
      const reason = (error instanceof AggregateError ? error.errors.map(String).join('; ') : error instanceof Error ? error.message : String(error)).slice(0, 2000);
      const attempts = delivery.attempts + 1;
      const failed = attempts >= MAX_DELIVERY_ATTEMPTS;
      (failed ? bot.logger.error : bot.logger.warn)('github delivery failed', { delivery: delivery.id, event: delivery.event, attempts, error: reason });
      await markDeliveryFailed(bot.services, delivery, { attempts, failed, reason, retryAt: new Date(bot.services.clock().getTime() + retryDelayMs(delivery.attempts)) });
    } finally {
      outcomes.delete(delivery.id);
    }
  }

  async function pass(): Promise<number> {
    let applied = 0;
    for (;;) {
      const due = await listQueuedDeliveries(bot.services.database.db, bot.services.clock(), 50);
      if (due.length === 0 || passes.isStopped()) return applied;
      for (const delivery of due) {
        if (passes.isStopped()) return applied;
        await apply(delivery);
        applied++;
      }
      options.onApplied?.();
    }
  }

  const passes = serialPasses({
    pass,
    pollMs: options.pollMs ?? 1000,
    onError: (error: unknown) => {
      bot.logger.error('github delivery queue failed', { error: error instanceof Error ? error.message : String(error) });
      return 0;
    },
  });
  return { applyQueued: passes.run, kick: passes.kick, stop: passes.stop };
}
