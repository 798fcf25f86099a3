import { eq, inArray } from 'drizzle-orm';
import { tables } from '../../db/index.ts';
import type { Logger } from '../../api/logger.ts';
import type { ServiceContext } from '../../api/services/context.ts';
import { storeDelivery } from './delivery-store.ts';
import type { GitHubClient } from './octokit.ts';
import { wellFormedDeep } from './well-formed.ts';

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
  const db = services.database.db;
  const [cursor] = await db.select().from(tables.botCursors).where(eq(tables.botCursors.name, SINCE_CURSOR));
  const startedAt = services.clock();
  const since = cursor ? new Date(Date.parse(cursor.value) - OVERLAP_MS).toISOString() : null;
  const report: SyncReport = { since, issuesSeen: 0, commentsSeen: 0, caughtUp: [], redeliveriesAsked: [] };
  const repository = { full_name: options.repository };
  const catchUp = async (id: string, event: string, payload: Record<string, unknown>) => {
    if (!options.dryRun && (await storeDelivery(services, { id, event, payload: wellFormedDeep(payload) as Record<string, unknown> })) === 'duplicate') return;
    report.caughtUp.push(id);
  };

  const issues = await options.client.paginate(options.client.rest.issues.listForRepo, { owner, repo, state: 'all', sort: 'updated', direction: 'asc', per_page: 100, ...(since ? { since } : {}) });
  const known = new Map<number, { githubUpdatedAt: string; state: string }>();
  const numbers = issues.map((issue) => issue.number);
  for (let index = 0; index < numbers.length; index += 500)
    for (const row of await db
      .select({ number: tables.githubIssues.number, githubUpdatedAt: tables.githubIssues.githubUpdatedAt, state: tables.githubIssues.state, repository: tables.githubIssues.repository })
      .from(tables.githubIssues)
      .where(inArray(tables.githubIssues.number, numbers.slice(index, index + 500))))
      if (row.repository === options.repository) known.set(row.number, row);
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
    const [seen] = await db.select({ key: tables.githubEffects.key }).from(tables.githubEffects).where(eq(tables.githubEffects.key, commentSeenKey(comment.id, comment.updated_at)));
    if (seen) continue;
    const number = Number(comment.issue_url.split('/').at(-1));
    const action = comment.created_at === comment.updated_at ? 'created' : 'edited';
    await catchUp(`sync:comment:${comment.id}:${comment.updated_at}`, 'issue_comment', { action, comment, issue: { number }, repository, sender: comment.user });
  }

  if (options.appClient) report.redeliveriesAsked = await redeliverFailed(services, options.appClient, options.dryRun, options.logger);
  if (!options.dryRun) {
    const value = startedAt.toISOString();
    await services.database.write((tx) =>
      tx.insert(tables.botCursors).values({ name: SINCE_CURSOR, value, updatedAt: value }).onConflictDoUpdate({ target: tables.botCursors.name, set: { value, updatedAt: value } }),
    );
  }
  return report;
}

/** The effect key that says a comment, as last edited, has been applied. */
export const commentSeenKey = (id: number, updatedAt: string) => `seen:comment:${id}:${updatedAt}`;

/** Asks GitHub to redeliver the App's recent deliveries that failed and that the hub never stored. */
async function redeliverFailed(services: ServiceContext, app: GitHubClient, dryRun: boolean, logger: Logger): Promise<string[]> {
  const asked: string[] = [];
  const { data: deliveries } = await app.rest.apps.listWebhookDeliveries({ per_page: 100 });
  const failed = deliveries.filter((delivery) => delivery.status_code >= 400 || delivery.status_code === 0 || delivery.status !== 'OK');
  const guids = [...new Set(failed.map((delivery) => delivery.guid))];
  const succeeded = new Set(deliveries.filter((delivery) => delivery.status === 'OK').map((delivery) => delivery.guid));
  const stored = guids.length
    ? new Set((await services.database.db.select({ id: tables.githubDeliveries.id }).from(tables.githubDeliveries).where(inArray(tables.githubDeliveries.id, guids))).map((row) => row.id))
    : new Set<string>();
  for (const delivery of failed) {
    if (stored.has(delivery.guid) || succeeded.has(delivery.guid) || asked.includes(delivery.guid)) continue;
    if (!dryRun) await app.rest.apps.redeliverWebhookDelivery({ delivery_id: delivery.id });
    logger.info('github redelivery asked', { delivery: delivery.guid, event: delivery.event, dryRun });
    asked.push(delivery.guid);
  }
  return asked;
}
