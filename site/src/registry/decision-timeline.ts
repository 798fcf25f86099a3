import type { SiteConcern, SiteTimelineEntry } from '../../../api/site/site-snapshot.ts';
import { actorText, CHANNEL, OUTCOME, optionText } from './decision-labels.ts';

/**
 * One sentence per ledger entry about a decision (api/services/decisions/timeline.ts). The entry's
 * data is what the service recorded (api/services/decisions/*.ts); anything unexpected in it falls
 * back to the event type, never breaks the page. Pure: names come from `nameOf`.
 */

type Data = Record<string, unknown>;
const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);
const list = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
const isOutcome = (value: unknown): value is keyof typeof OUTCOME => typeof value === 'string' && value in OUTCOME;
const isOption = (value: unknown): value is 'approve' | 'reject' | 'abstain' => value === 'approve' || value === 'reject' || value === 'abstain';

export type TimelineLine = {
  seq: number;
  at: string;
  hash: string;
  type: string;
  actor: string;
  text: string;
  /** When the act took effect, if not when it was recorded (a vote closed at its deadline by a later tick). */
  effectiveAt: string | null;
};

export function describeTimeline(entries: readonly SiteTimelineEntry[], concerns: readonly SiteConcern[], nameOf: (organizationId: string) => string): TimelineLine[] {
  const concernTitle = (id: unknown) => concerns.find((concern) => concern.id === id)?.title ?? String(id);
  return entries.map((entry) => ({
    seq: entry.seq,
    at: entry.at,
    hash: entry.hash,
    type: entry.type,
    actor: actorText(entry.actor),
    text: describe(entry.type, entry.data, { nameOf, concernTitle, actor: actorText(entry.actor) }),
    effectiveAt: entry.type === 'proposal.closed' && text(entry.data.closedAt) && entry.data.closedAt !== entry.at ? text(entry.data.closedAt) : null,
  }));
}

type Helpers = { nameOf: (id: string) => string; concernTitle: (id: unknown) => string; actor: string };

function describe(type: string, data: Data, { nameOf, concernTitle, actor }: Helpers): string {
  const names = (ids: string[]) => ids.map(nameOf).join(', ');
  switch (type) {
    case 'proposal.opened': {
      const electorate = data.electorate as { binding?: unknown; advisory?: unknown } | undefined;
      const binding = list(electorate?.binding).length;
      const advisory = list(electorate?.advisory).length;
      return `Opened by ${actor}; ${binding} binding and ${advisory} advisory organisations in the electorate.`;
    }
    case 'ballot.cast': {
      const organization = nameOf(text(data.organizationId) ?? '?');
      const kind = data.binding ? 'binding' : 'advisory';
      const channel = text(data.channel);
      const via = channel && channel in CHANNEL ? ` through ${CHANNEL[channel as keyof typeof CHANNEL]}` : '';
      const option = isOption(data.option) ? `: ${optionText(data.option)}` : data.commitment ? ' (secret; its commitment is recorded)' : '';
      return `${organization} cast ${kind === 'binding' ? 'a' : 'an'} ${kind} ballot${via}${option}.`;
    }
    case 'concern.raised':
      return `${nameOf(text(data.organizationId) ?? '?')} raised the concern “${text(data.title) ?? concernTitle(data.concernId)}”.`;
    case 'concern.resolved':
      return `The concern “${concernTitle(data.concernId)}” was resolved by ${text(data.memberId) ?? actor}.`;
    case 'proposal.subject_changed': {
      const changes = (data.changes ?? {}) as Record<string, { from?: unknown; to?: unknown }>;
      const what = Object.entries(changes).map(([field, change]) =>
        field === 'cardRevision'
          ? `the model card changed (revision ${short(change.from)} → ${short(change.to)})`
          : field === 'checkpointDigest'
            ? 'the checkpoint was withdrawn'
            : `${field} changed`,
      );
      const invalidated = list(data.invalidatedBallots).length;
      return `The subject changed: ${what.join(' and ') || 'it was re-pinned'}; ${invalidated} ${invalidated === 1 ? 'ballot was' : 'ballots were'} invalidated and must be cast again.`;
    }
    case 'proposal.electorate_refreshed': {
      const added = list(data.added);
      const removed = list(data.removed);
      return `The electorate was refreshed by ${actor}${added.length ? `; added ${names(added)}` : ''}${removed.length ? `; removed ${names(removed)}` : ''}${added.length + removed.length === 0 ? '; nothing changed' : ''}.`;
    }
    case 'proposal.reminder': {
      const notVoted = list(data.notVoted);
      return `Reminder, ${String(data.hoursBefore)} hours before the close: ${notVoted.length} ${notVoted.length === 1 ? 'organisation has' : 'organisations have'} not voted.`;
    }
    case 'proposal.closed': {
      const outcome = isOutcome(data.outcome) ? `${OUTCOME[data.outcome].mark} ${OUTCOME[data.outcome].label.toLowerCase()}` : String(data.outcome);
      const counts = data.counts as { approve?: unknown; reject?: unknown; abstain?: unknown } | undefined;
      const tally = counts ? ` (${String(counts.approve)} approve, ${String(counts.reject)} reject, ${String(counts.abstain)} abstain)` : '';
      const when = data.reason === 'early' ? 'early, once no remaining ballot could change the outcome' : 'at its deadline';
      const revealed = Array.isArray(data.reveal) ? `; ${data.reveal.length} secret ballots revealed with their salts` : '';
      return `Closed ${when}: ${outcome}${tally}${revealed}.`;
    }
    case 'proposal.withdrawn':
      return `Withdrawn by ${actor}${text(data.reason) ? `: “${text(data.reason)}”` : ''}.`;
    default:
      return `${type} (by ${actor}).`;
  }
}

function short(value: unknown): string {
  return typeof value === 'string' ? `${value.slice(0, 12)}…` : 'none';
}
