import type { ServiceContext } from '../../../api/services/context.ts';
import { linkedProposalOf } from '../../../api/services/github/request-lookups.ts';
import { listIssuesTracking } from '../../../api/services/github/tracked-issues.ts';
import type { LedgerEventView } from '../../../api/services/ledger.ts';
import type { FeedMapper, QueuedMessage } from '../../notify/feed-consumer.ts';
import { decisionPullRequestMessage } from './decision-pull-request.ts';
import { issueKey, issueSyncMessages } from './issue-sync.ts';

const OUTCOME_EVENTS = new Set(['proposal.closed', 'proposal.withdrawn', 'proposal.superseded']);

/**
 * The GitHub channel's view of the ledger: any change to a request or a vote that an issue tracks
 * (whichever surface made it: API, GitHub, Discord, the clock) re-syncs that issue's status comment,
 * labels and open/closed state; an outcome also gets a comment of its own, once.
 */
export function githubFeed(services: ServiceContext, publicUrl: string, contentRepository: string | null = null): FeedMapper {
  return async (entries: readonly LedgerEventView[]) => {
    const requestIds = new Set<string>();
    const proposalIds = new Set<string>();
    const outcomes = new Map<string, LedgerEventView>();
    const recorded: string[] = [];
    for (const entry of entries) {
      const [kind, id] = splitSubject(entry.subject);
      if (kind === 'request') requestIds.add(id);
      if (kind === 'proposal') {
        proposalIds.add(id);
        if (OUTCOME_EVENTS.has(entry.type)) outcomes.set(id, entry);
        if (entry.type === 'decision.effect' && (entry.data as { effect?: string }).effect === 'recorded') recorded.push(id);
      }
    }
    if (requestIds.size === 0 && proposalIds.size === 0) return [];
    const messages: QueuedMessage[] = [];
    // A passed policy change or membership: the registry change is proposed as a pull request.
    if (contentRepository) for (const proposalId of recorded) messages.push(await decisionPullRequestMessage(services, proposalId, contentRepository, publicUrl));
    const issues = await listIssuesTracking(services, [...requestIds], [...proposalIds]);
    for (const issue of issues) {
      messages.push(...(await issueSyncMessages(services, issue, publicUrl)));
      const proposalId = issue.proposalId ?? (await linkedProposalOf(services, issue.requestId));
      const outcome = proposalId ? outcomes.get(proposalId) : undefined;
      if (outcome && proposalId) {
        const marker = `<!-- agora:outcome:${proposalId} -->`;
        const data = outcome.data as { outcome?: string; reason?: string };
        const result = outcome.type === 'proposal.withdrawn' ? 'withdrawn' : outcome.type === 'proposal.superseded' ? 'superseded' : (data.outcome ?? 'closed');
        messages.push({
          key: issueKey(issue, `outcome:${proposalId}`),
          payload: { op: 'comment', repository: issue.repository, number: issue.number, marker, body: `The vote \`${proposalId}\` has ended: **${result.replaceAll('_', ' ')}**. Details: ${publicUrl}/decisions/${proposalId}/` },
        });
      }
    }
    return messages;
  };
}

function splitSubject(subject: string): [string, string] {
  const at = subject.indexOf(':');
  return at < 0 ? [subject, ''] : [subject.slice(0, at), subject.slice(at + 1)];
}
