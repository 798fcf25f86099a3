import { stringify } from 'yaml';
import type { ServiceContext } from '../../../api/services/context.ts';
import { loadProposal } from '../../../api/services/decisions/load-proposal.ts';
import type { QueuedMessage } from '../../notify/feed-consumer.ts';
import type { GitHubClient } from '../octokit.ts';
import type { GitHubMessage } from './github-messages.ts';

type DecisionPullRequest = Extract<GitHubMessage, { op: 'decision_pr' }>;
type Target = { owner: string; repo: string };

/** Where a decision's record lives in the registry. */
export const decisionRecordPath = (proposalId: string) => `content/governance/decisions/${proposalId}.yaml`;

/**
 * The pull request a passed policy change or membership vote asks for: the registry stays code,
 * so the hub does not change `content/` itself. It proposes a branch holding the decision's record
 * (`content/governance/decisions/<id>.yaml`: what was decided, by which tally, where to check it),
 * on which the secretariat makes the change the vote decided and merges after review.
 */
export async function decisionPullRequestMessage(services: ServiceContext, proposalId: string, repository: string, publicUrl: string): Promise<QueuedMessage> {
  const proposal = await loadProposal(services.database.db, proposalId);
  const counts = proposal.tally?.counts ?? null;
  const url = `${publicUrl}/decisions/${proposalId}/`;
  const record = {
    proposal: proposal.id,
    kind: proposal.kind,
    title: proposal.title,
    subject: proposal.subject.reference ?? null,
    outcome: proposal.outcome,
    closed_at: proposal.closedAt,
    binding_counts: counts,
    url,
    verify: `npm run agora -- tally verify ${proposal.id}`,
  };
  const content = `# Recorded by Agora when the vote closed. The change it decided is made on this branch and\n# reviewed in its pull request, like any change to the registry.\n${stringify(record)}`;
  const payload: DecisionPullRequest = {
    op: 'decision_pr',
    repository,
    branch: `agora/decision-${proposal.id}`,
    path: decisionRecordPath(proposal.id),
    content,
    title: `Apply decision ${proposal.id}: ${proposal.title}`.slice(0, 250),
    body: [
      `The ${proposal.policy.title.toLowerCase()} vote \`${proposal.id}\` passed${proposal.closedAt ? ` on ${proposal.closedAt.slice(0, 10)}` : ''}${counts ? ` (binding: ${counts.approve} approve, ${counts.reject} reject, ${counts.abstain} abstain)` : ''}.`,
      '',
      `This branch records the decision in \`${decisionRecordPath(proposal.id)}\`. Make the change it decided here (in \`content/governance/\`), have it reviewed, and merge: the hub syncs it from \`content/\`.`,
      '',
      `Details and the ledger: ${url}`,
    ].join('\n'),
  };
  return { key: `decision_pr:${proposal.id}`, payload };
}

const statusOf = (error: unknown) => (error as { status?: number } | null)?.status;

/**
 * Opens the decision's pull request, each step idempotent, so a retry after a lost answer finishes
 * the work instead of repeating it: a pull request already open (or merged, or closed) for the
 * branch is the answer; a branch that exists is reused; a record already on the branch is kept.
 * Answers the pull request's number (recorded as the message's remote id).
 */
export async function openDecisionPullRequest(octokit: GitHubClient, target: Target, payload: DecisionPullRequest, remoteId: string | null): Promise<string> {
  if (remoteId) return remoteId;
  const head = `${target.owner}:${payload.branch}`;
  const existing = await octokit.rest.pulls.list({ ...target, head, state: 'all', per_page: 1 });
  if (existing.data[0]) return String(existing.data[0].number);
  const { data: repo } = await octokit.rest.repos.get(target);
  const base = repo.default_branch;
  const { data: ref } = await octokit.rest.git.getRef({ ...target, ref: `heads/${base}` });
  try {
    await octokit.rest.git.createRef({ ...target, ref: `refs/heads/${payload.branch}`, sha: ref.object.sha });
  } catch (error) {
    if (statusOf(error) !== 422) throw error; // it exists: an earlier attempt made it
  }
  try {
    await octokit.rest.repos.createOrUpdateFileContents({
      ...target,
      path: payload.path,
      branch: payload.branch,
      message: payload.title,
      content: Buffer.from(payload.content, 'utf8').toString('base64'),
    });
  } catch (error) {
    if (statusOf(error) !== 422) throw error; // the record is there already (GitHub asks for its sha to replace it)
  }
  const { data: pull } = await octokit.rest.pulls.create({ ...target, head: payload.branch, base, title: payload.title, body: payload.body });
  return String(pull.number);
}
