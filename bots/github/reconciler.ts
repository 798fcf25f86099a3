import type { Logger } from '../../api/logger.ts';
import { moveBotCursor, readBotCursor } from '../../api/services/bot-cursors.ts';
import type { ServiceContext } from '../../api/services/context.ts';
import { listStoredDeliveryIds, storeDelivery } from '../../api/services/github/deliveries.ts';
import { commentSeenKey, hasEffect } from '../../api/services/github/effects.ts';
import { listIssueVersions } from '../../api/services/github/tracked-issues.ts';
import type { GitHubClient } from './octokit.ts';
import { wellFormedDeep } from '../../api/services/storable-text.ts';

export type SyncReport = {
  since: string | null;
  issuesSeen: number;
  commentsSeen: number;
  /** Changes webhooks had not brought, stored as deliveries for the queue (or listed, in a dry run). */
  caughtUp: string[];
  redeliveriesAsked: string[];
};

const SINCE_CURSOR = 'github:sync:since';
/** Looks back a little before the last sync: GitHub's `since` is in seconds and clocks differ. */
const OVERLAP_MS = 5 * 60_000;

/**
 * `github sync`: pages through the issues and comments updated since the last sync and turns what
 * the hub has not seen into deliveries with fixed ids (`sync:…`), applied by the same queue as
 * webhooks, so a change is applied once whether its webhook arrived, arrives later or never. As a
 * GitHub App it also asks GitHub to redeliver deliveries that failed to reach the hub.
 */
export async function syncFromGitHub(
  services: ServiceContext,
  options: { client: GitHubClient; appClient: GitHubClient | null; repository: string; dryRun: boolean; logger: Logger },
): Promise<SyncReport> {
  const [owner, repo] = options.repository.split('/') as [string, string];
  const cursor = await readBotCursor(services, SINCE_CURSOR);
  const startedAt = services.clock();
  const since = cursor ? new Date(Date.parse(cursor) - OVERLAP_MS).toISOString() : null;
  const report: SyncReport = { since, issuesSeen: 0, commentsSeen: 0, caughtUp: [], redeliveriesAsked: [] };
  const repository = { full_name: options.repository };
  const catchUp = async (id: string, event: string, payload: Record<string, unknown>) => {
    if (!options.dryRun && (await storeDelivery(services, { id, event, payload: wellFormedDeep(payload) as Record<string, unknown> })) === 'duplicate') return;
    report.caughtUp.push(id);
  };

  const issues = await options.client.paginate(options.client.rest.issues.listForRepo, { owner, repo, state: 'all', sort: 'updated', direction: 'asc', per_page: 100, ...(since ? { since } : {}) });
  const known = new Map<number, { githubUpdatedAt: string; state: string }>();
  const numbers = issues.map((issue) => issue.number);
  for (const row of await listIssueVersions(services, numbers)) if (row.repository === options.repository) known.set(row.number, row);
  for (const issue of issues) {
    if (issue.pull_request) continue;
    report.issuesSeen++;
    const seen = known.get(issue.number);
    if (seen && seen.githubUpdatedAt >= issue.updated_at && seen.state === issue.state) continue;
    const sender = issue.closed_by ?? issue.user;
    const action = !seen ? 'opened' : seen.state !== issue.state ? (issue.state === 'closed' ? 'closed' : 'reopened') : 'edited';
    await catchUp(`sync:issue:${issue.id}:${issue.updated_at}:${action}`, 'issues', { action, issue, repository, sender });
  }

  const comments = await options.client.paginate(options.client.rest.issues.listCommentsForRepo, { owner, repo, sort: 'updated', direction: 'asc', per_page: 100, ...(since ? { since } : {}) });
  for (const comment of comments) {
    report.commentsSeen++;
    if (await hasEffect(services, commentSeenKey(comment.id, comment.updated_at))) continue;
    const number = Number(comment.issue_url.split('/').at(-1));
    const action = comment.created_at === comment.updated_at ? 'created' : 'edited';
    await catchUp(`sync:comment:${comment.id}:${comment.updated_at}`, 'issue_comment', { action, comment, issue: { number }, repository, sender: comment.user });
  }

  if (options.appClient) report.redeliveriesAsked = await redeliverFailed(services, options.appClient, options.dryRun, options.logger);
  if (!options.dryRun) {
    const value = startedAt.toISOString();
    await moveBotCursor(services, SINCE_CURSOR, value, value);
  }
  return report;
}

/** Asks GitHub to redeliver the App's recent deliveries that failed and that the hub never stored. */
async function redeliverFailed(services: ServiceContext, app: GitHubClient, dryRun: boolean, logger: Logger): Promise<string[]> {
  const asked: string[] = [];
  const { data: deliveries } = await app.rest.apps.listWebhookDeliveries({ per_page: 100 });
  const failed = deliveries.filter((delivery) => delivery.status_code >= 400 || delivery.status_code === 0 || delivery.status !== 'OK');
  const guids = [...new Set(failed.map((delivery) => delivery.guid))];
  const succeeded = new Set(deliveries.filter((delivery) => delivery.status === 'OK').map((delivery) => delivery.guid));
  const stored = await listStoredDeliveryIds(services, guids);
  for (const delivery of failed) {
    if (stored.has(delivery.guid) || succeeded.has(delivery.guid) || asked.includes(delivery.guid)) continue;
    if (!dryRun) await app.rest.apps.redeliverWebhookDelivery({ delivery_id: delivery.id });
    logger.info('github redelivery asked', { delivery: delivery.guid, event: delivery.event, dryRun });
    asked.push(delivery.guid);
  }
  return asked;
}
