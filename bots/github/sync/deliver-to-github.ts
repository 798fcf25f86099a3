import type { OutboxMessage } from '../../../api/services/outbox.ts';
import { UndeliverableError, type DeliverMessage } from '../../notify/outbox-deliverer.ts';
import type { GitHubClient } from '../octokit.ts';
import { botLabels, isBotLabel, type LabelDefinition } from './labels.ts';
import type { GitHubMessage } from './github-messages.ts';
import { openDecisionPullRequest } from './decision-pull-request.ts';
import { STATUS_MARKER } from './status-comment.ts';

type Target = { owner: string; repo: string };
const targetOf = (repository: string): Target => {
  const [owner, repo] = repository.split('/') as [string, string];
  return { owner, repo };
};
const statusOf = (error: unknown) => (error as { status?: number } | null)?.status;

/**
 * Delivers the GitHub channel of the outbox. Every write is idempotent: a comment is found again
 * by its recorded id or, when the answer to its creation was lost, by its hidden marker, and
 * edited rather than posted again; labels and the issue's state are changed only where they
 * differ. A throw leaves the message queued for a later attempt (bots/notify/outbox-deliverer.ts).
 */
export function deliverToGitHub(clientFor: (repository: string) => Promise<GitHubClient>): DeliverMessage {
  const ensuredLabels = new Set<string>();
  const definitions = new Map(botLabels().map((label) => [label.name, label]));

  return async (message: OutboxMessage) => {
    try {
      return await deliver(message);
    } catch (error) {
      // Gone (a deleted or transferred issue) or refused for good: a dead letter, not a retry loop.
      const status = statusOf(error);
      if (status === 404 || status === 410 || status === 422) throw new UndeliverableError(`GitHub answered ${status}: ${(error as Error).message}`);
      throw error;
    }
  };

  async function deliver(message: OutboxMessage): Promise<{ remoteId?: string | null }> {
    const payload = message.payload as GitHubMessage;
    const octokit = await clientFor(payload.repository);
    const target = targetOf(payload.repository);
    switch (payload.op) {
      case 'status':
        return { remoteId: await upsertMarkedComment(octokit, target, payload.number, STATUS_MARKER, payload.body, message.remoteId) };
      case 'comment':
        return { remoteId: await upsertMarkedComment(octokit, target, payload.number, payload.marker, `${payload.marker}\n${payload.body}`, message.remoteId) };
      case 'labels':
        await syncLabels(octokit, target, payload.number, payload.labels, async (name) => {
          if (ensuredLabels.has(name)) return;
          await ensureLabel(octokit, target, definitions.get(name) ?? { name, color: 'ededed', description: 'Agora' });
          ensuredLabels.add(name);
        });
        return {};
      case 'state': {
        const { data: issue } = await octokit.rest.issues.get({ ...target, issue_number: payload.number });
        if (issue.state !== payload.state)
          await octokit.rest.issues.update({ ...target, issue_number: payload.number, state: payload.state, ...(payload.reason ? { state_reason: payload.reason } : {}) });
        return {};
      }
      case 'check':
        return { remoteId: await upsertCheck(octokit, target, payload, message.remoteId) };
      case 'decision_pr':
        return { remoteId: await openDecisionPullRequest(octokit, target, payload, message.remoteId) };
    }
  }
}

async function upsertMarkedComment(octokit: GitHubClient, target: Target, number: number, marker: string, body: string, remoteId: string | null): Promise<string> {
  if (remoteId) {
    try {
      await octokit.rest.issues.updateComment({ ...target, comment_id: Number(remoteId), body });
      return remoteId;
    } catch (error) {
      // Deleted by someone: find another with the marker, or post it again.
      if (statusOf(error) !== 404) throw error;
    }
  }
  for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, { ...target, issue_number: number, per_page: 100 })) {
    const mine = page.data.find((comment) => comment.body?.startsWith(marker));
    if (mine) {
      if (mine.body !== body) await octokit.rest.issues.updateComment({ ...target, comment_id: mine.id, body });
      return String(mine.id);
    }
  }
  const { data: created } = await octokit.rest.issues.createComment({ ...target, issue_number: number, body });
  return String(created.id);
}

async function syncLabels(octokit: GitHubClient, target: Target, number: number, wanted: string[], ensure: (name: string) => Promise<void>) {
  const current = (await octokit.paginate(octokit.rest.issues.listLabelsOnIssue, { ...target, issue_number: number, per_page: 100 })).map((label) => label.name);
  const has = new Set(current.map((name) => name.toLowerCase()));
  const wants = new Set(wanted.map((name) => name.toLowerCase()));
  const missing = wanted.filter((name) => !has.has(name.toLowerCase()));
  const extra = current.filter((name) => isBotLabel(name) && !wants.has(name.toLowerCase()));
  for (const name of missing) await ensure(name);
  if (missing.length > 0) await octokit.rest.issues.addLabels({ ...target, issue_number: number, labels: missing });
  for (const name of extra) {
    try {
      await octokit.rest.issues.removeLabel({ ...target, issue_number: number, name });
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }
}

/** A label of the bot's exists with its colour and description (forms' labels that do not exist are dropped by GitHub). */
async function ensureLabel(octokit: GitHubClient, target: Target, label: LabelDefinition) {
  try {
    const { data } = await octokit.rest.issues.getLabel({ ...target, name: label.name });
    if (data.color !== label.color || (data.description ?? '') !== label.description)
      await octokit.rest.issues.updateLabel({ ...target, name: label.name, color: label.color, description: label.description });
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
    try {
      await octokit.rest.issues.createLabel({ ...target, ...label });
    } catch (creation) {
      if (statusOf(creation) !== 422) throw creation;
    }
  }
}

async function upsertCheck(octokit: GitHubClient, target: Target, check: Extract<GitHubMessage, { op: 'check' }>, remoteId: string | null): Promise<string> {
  const output = { title: check.title, summary: check.summary, text: check.text };
  if (remoteId?.startsWith('check:')) {
    await octokit.rest.checks.update({ ...target, check_run_id: Number(remoteId.slice(6)), status: 'completed', conclusion: check.conclusion, output });
    return remoteId;
  }
  try {
    const { data } = await octokit.rest.checks.create({ ...target, name: check.name, head_sha: check.sha, status: 'completed', conclusion: check.conclusion, output });
    return `check:${data.id}`;
  } catch (error) {
    // A token or App without the checks permission: a commit status says the same, shorter.
    if (statusOf(error) !== 403) throw error;
    const state = check.conclusion === 'failure' ? 'failure' : 'success';
    await octokit.rest.repos.createCommitStatus({ ...target, sha: check.sha, state, context: check.name, description: check.title.slice(0, 140) });
    return `status:${check.sha}`;
  }
}
