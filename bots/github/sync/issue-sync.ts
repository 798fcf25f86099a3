import type { ServiceContext } from '../../../api/services/context.ts';
import { findRequest } from '../../../api/services/github/request-lookups.ts';
import type { IssueRow } from '../../../api/services/github/tracked-issues.ts';
import { loadProposal } from '../../../api/services/decisions/load-proposal.ts';
import { getTally } from '../../../api/services/decisions/tally.ts';
import { MACHINES } from '../../../api/domain/requests/machines.ts';
import { toPublicView } from '../../../api/services/requests/views.ts';
import { labelsFor } from './labels.ts';
import { renderStatusComment } from './status-comment.ts';
import type { GitHubMessage } from './github-messages.ts';

/** The outbox key of a message about one issue. */
export const issueKey = (issue: { repository: string; number: number }, what: string) => `issue:${issue.repository}#${issue.number}/${what}`;

/**
 * What an issue should look like on GitHub now: its status comment, its labels in the bot's
 * namespace, and open or closed. Read from the record of truth; queued under fixed keys, so
 * queuing it again replaces what is still waiting and a delivery edits what an earlier one made.
 */
export async function issueSyncMessages(services: ServiceContext, issue: IssueRow, publicUrl: string, refusal: string | null = null): Promise<{ key: string; payload: GitHubMessage }[]> {
  // A deleted or transferred issue is not there to write to (a transfer's new issue is followed under its new number).
  if (issue.state === 'deleted' || issue.state === 'transferred') return [];
  const now = services.clock().toISOString();
  const db = services.database.db;
  const requestRow = issue.requestId ? await findRequest(services, issue.requestId) : null;
  const request = requestRow ? await toPublicView(db, requestRow, now) : null;
  const proposalId = issue.proposalId ?? requestRow?.linkedProposalId ?? null;
  const proposalRow = proposalId ? await loadProposal(db, proposalId).catch(() => null) : null;
  const proposal = proposalRow
    ? { id: proposalRow.id, title: proposalRow.title, closesAt: proposalRow.closesAt, state: proposalRow.state, outcome: proposalRow.outcome, tally: await getTally(services, proposalRow.id).catch(() => null) }
    : null;
  const form = issue.form ?? 'request';
  const state = request?.state ?? (issue.proposalId ? (proposal?.state === 'open' ? 'voting' : (proposal?.outcome ?? null)) : null);
  const target = { repository: issue.repository, number: issue.number };
  const messages: { key: string; payload: GitHubMessage }[] = [
    {
      key: issueKey(issue, 'status'),
      payload: { op: 'status', ...target, body: renderStatusComment({ publicUrl, form, problems: issue.problems, request, proposal, refusal }) },
    },
    { key: issueKey(issue, 'labels'), payload: { op: 'labels', ...target, labels: labelsFor({ kind: form, state, problems: issue.problems }) } },
  ];
  const finished = requestRow ? MACHINES[requestRow.type].final.includes(requestRow.state) : proposalRow?.state === 'closed';
  if (issue.state === 'open' || issue.state === 'closed')
    messages.push({ key: issueKey(issue, 'state'), payload: { op: 'state', ...target, state: finished ? 'closed' : 'open', reason: finished ? 'completed' : null } });
  return messages;
}
