import { oneRequestOf } from '../../../api/domain/requests/request-type-names.ts';
import type { RequestType } from '../../../api/domain/requests/vocabulary.ts';
import type { PublicRequestView } from '../../../api/services/requests/views.ts';
import type { TallyView } from '../../../api/services/decisions/tally.ts';
import { escapeMarkdownText } from '../comment-commands.ts';

/** Marks the bot's one status comment on an issue, so it is found and edited, never posted twice. */
export const STATUS_MARKER = '<!-- agora:status -->';

export type StatusInput = {
  publicUrl: string;
  form: string;
  problems: readonly string[];
  request: PublicRequestView | null;
  proposal: { id: string; title: string; closesAt: string; state: string; outcome: string | null; tally: TallyView | null } | null;
  /** Why the bot did not act on the issue, when it did not (not a member, a refused precondition). */
  refusal: string | null;
};

const inWords = (value: string) => value.replaceAll('_', ' ');

/**
 * The status comment: where the request or vote stands, what is wrong with the form if anything,
 * and how to act. Only what is public: an issue is public, so nothing a requester wrote and
 * nothing confidential appears (the view is the public one).
 */
export function renderStatusComment(input: StatusInput): string {
  const lines = [STATUS_MARKER, `### Agora status`, ''];
  if (input.problems.length > 0) {
    lines.push(`This issue could not be read as the form it comes from (${inWords(input.form)}). Please edit the issue to fix:`, '');
    for (const problem of input.problems) lines.push(`- ${escapeMarkdownText(problem)}`);
    lines.push('', 'The bot reads the issue again after each edit. Nothing you wrote is lost: the issue is kept as it is.');
  }
  if (input.refusal) lines.push(escapeMarkdownText(input.refusal), '');
  if (input.request) lines.push(...requestLines(input.publicUrl, input.request));
  if (input.proposal) lines.push(...proposalLines(input.publicUrl, input.proposal));
  lines.push('', '<sub>Commands (one per line in a comment): `/status`, `/vote approve|abstain|reject [reason]`, `/concern NAME [text]`, `/resolve NAME`, `/assign @login`, `/transition STATE [comment]`, `/withdraw [reason]`. This comment is edited in place by the bot.</sub>');
  return lines.join('\n');
}

function requestLines(publicUrl: string, request: PublicRequestView): string[] {
  const type = request.type as RequestType;
  const lines = [
    `${oneRequestOf(type)}, \`${request.id}\`: **${inWords(request.state)}**${request.paused ? ' (waiting for the requester; the deadline clock is stopped)' : ''}.`,
    '',
    `- Filed ${request.filedAt.slice(0, 10)}; ${request.answeredAt ? `answered ${request.answeredAt.slice(0, 10)}` : `an answer is due by ${request.dueAt.slice(0, 10)}${request.overdue ? ' — **overdue**' : ''}`}.`,
  ];
  if (request.closedAt) lines.push(`- Closed ${request.closedAt.slice(0, 10)}.`);
  lines.push(`- On the hub: ${publicUrl}/requests/${type}/ · API: ${publicUrl}/api/v1/requests/${request.id}`);
  return lines;
}

function proposalLines(publicUrl: string, proposal: NonNullable<StatusInput['proposal']>): string[] {
  const lines = ['', `Vote \`${proposal.id}\`: ${escapeMarkdownText(proposal.title)}`, ''];
  if (proposal.state === 'open') lines.push(`- Open until ${proposal.closesAt} (UTC).`);
  else lines.push(`- Closed: **${inWords(proposal.outcome ?? 'closed')}**.`);
  const tally = proposal.tally;
  if (tally && !tally.secret) {
    lines.push(`- Binding ballots: ${tally.counts.approve} approve, ${tally.counts.reject} reject, ${tally.counts.abstain} abstain.`);
    for (const line of tally.explanation) lines.push(`- ${escapeMarkdownText(line)}`);
  } else if (tally?.secret) lines.push(`- Secret ballot: ${tally.voted.length} of ${tally.electorateSize} organisations have voted.`);
  lines.push(`- On the hub: ${publicUrl}/decisions/${proposal.id}/`);
  return lines;
}
