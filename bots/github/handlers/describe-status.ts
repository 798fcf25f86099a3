import { oneRequestOf } from '../../../api/domain/requests/request-type-names.ts';
import { findRequest } from '../../../api/services/github/request-lookups.ts';
import { loadProposal } from '../../../api/services/decisions/load-proposal.ts';
import { getTally } from '../../../api/services/decisions/tally.ts';
import { toPublicView } from '../../../api/services/requests/views.ts';
import type { BotContext } from '../bot-context.ts';
import type { IssueRow } from '../../../api/services/github/tracked-issues.ts';

/** `/status`: where the issue's request and vote stand, in a sentence or two (public facts only). */
export async function describeStatus(bot: BotContext, issue: IssueRow): Promise<string> {
  const db = bot.services.database.db;
  const parts: string[] = [];
  if (issue.problems.length > 0) parts.push(`The form has ${issue.problems.length} problem(s) to fix (see the status comment).`);
  let proposalId = issue.proposalId;
  if (issue.requestId) {
    const row = await findRequest(bot.services, issue.requestId);
    if (row) {
      const view = await toPublicView(db, row, bot.services.clock().toISOString());
      parts.push(
        `${oneRequestOf(view.type)} \`${view.id}\` is ${view.state.replaceAll('_', ' ')}${view.paused ? ', waiting for the requester' : ''}; ${view.answeredAt ? `answered ${view.answeredAt.slice(0, 10)}` : `answer due ${view.dueAt.slice(0, 10)}${view.overdue ? ' (overdue)' : ''}`}.`,
      );
      proposalId ??= row.linkedProposalId;
    }
  }
  if (proposalId) {
    const proposal = await loadProposal(db, proposalId);
    const tally = await getTally(bot.services, proposalId);
    if (proposal.state === 'closed') parts.push(`The vote \`${proposalId}\` closed: ${proposal.outcome}.`);
    else if (tally.secret) parts.push(`The vote \`${proposalId}\` is open until ${proposal.closesAt}; ${tally.voted.length} of ${tally.electorateSize} organisations have voted (secret ballot).`);
    else parts.push(`The vote \`${proposalId}\` is open until ${proposal.closesAt}: ${tally.counts.approve} approve, ${tally.counts.reject} reject, ${tally.counts.abstain} abstain; ${tally.wouldPass ? 'it would pass if closed now' : `it would not pass if closed now (${tally.outcome.replaceAll('_', ' ')})`}.`);
  }
  if (parts.length === 0) parts.push(issue.form ? 'This issue has not been filed yet.' : 'This issue does not track a request or a vote.');
  return parts.join(' ');
}
