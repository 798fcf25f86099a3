import type { BotContext } from '../bot-context.ts';
import type { GitHubClient } from '../octokit.ts';
import { enqueueOutbox } from '../../../api/services/outbox.ts';
import { GITHUB_CHANNEL } from '../sync/github-messages.ts';
import { cardCheckFor } from '../sync/card-check.ts';

export type PullRequestEvent = {
  action: string;
  number: number;
  pull_request: { number: number; head: { sha: string }; state?: string };
  repository?: { full_name?: string };
};

/**
 * `pull_request.opened|synchronize|reopened`: a pull request touching `content/models/` gets a
 * check run with each changed card's AI Act completeness and openness class, for its head commit
 * (one per push). The files are listed from GitHub and the cards read from the head commit, so
 * this needs the API; it runs here, in the queue, never in a write.
 */
export async function applyPullRequest(bot: BotContext, event: PullRequestEvent, client: (() => Promise<GitHubClient>) | null): Promise<string> {
  const repository = event.repository?.full_name;
  if (!repository) return 'no repository: recorded only';
  if (event.action === 'closed') return 'closed: recorded';
  if (!client) return 'GitHub writes are not configured: no check run';
  const check = await cardCheckFor(await client(), repository, event.pull_request);
  if (!check) return 'touches no model card';
  const sha = event.pull_request.head.sha;
  await bot.services.database.write(async (tx) => {
    await enqueueOutbox(tx, { channel: GITHUB_CHANNEL, key: `check:${repository}@${sha}`, payload: { op: 'check', repository, sha, ...check }, now: bot.services.clock() });
  });
  return `check run queued: ${check.conclusion}`;
}
