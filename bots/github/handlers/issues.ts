import { MACHINES } from '../../../api/domain/requests/machines.ts';
import type { Actor } from '../../../api/services/context.ts';
import { isAppError } from '../../../api/services/errors.ts';
import { amendRequest } from '../../../api/services/requests/amend-request.ts';
import { fileRequest } from '../../../api/services/requests/file-request.ts';
import { loadRequest, transitionRequest } from '../../../api/services/requests/transition-request.ts';
import { openProposal } from '../../../api/services/decisions/proposals.ts';
import { applyOnce } from '../apply-once.ts';
import type { BotContext } from '../bot-context.ts';
import { actorOf, requesterActorOf } from '../identity.ts';
import { parseFiledIssue, recognizeForm } from '../forms.ts';
import { linkIssueInWrite, loadIssue, recordIssue, recordProblems, type IssuePayload, type IssueRow } from '../../../api/services/github/tracked-issues.ts';
import { queueIssueSync, repositoryOf } from './issue-records.ts';

export type IssueEvent = { action: string; issue: IssuePayload; sender?: { login: string; id?: number; type?: string }; repository?: { full_name?: string }; changes?: Record<string, unknown> };

const labelNames = (issue: IssuePayload) => (issue.labels ?? []).map((label) => (typeof label === 'string' ? label : (label.name ?? '')));
const isBot = (bot: BotContext, user: { login: string; type?: string } | null | undefined) =>
  !user || user.type === 'Bot' || (bot.botLogin !== null && user.login.toLowerCase() === bot.botLogin.toLowerCase());
const issueRef = (issue: IssueRow) => `${issue.githubId ?? `${issue.repository}#${issue.number}`}`;

/**
 * `issues.opened`, `issues.edited`, `issues.reopened`: the issue is recorded as it is; an issue
 * from one of the forms is parsed, and becomes a request (or a release vote) once it parses; a body
 * that does not parse gets the status comment listing every problem and the needs-info label, and
 * an edit reads it again. An edit by the requester of a filed request amends it (and answers a
 * clarification the request was waiting for).
 */
export async function applyIssueContent(bot: BotContext, event: IssueEvent): Promise<string> {
  const repository = repositoryOf(event);
  if (!repository) return 'no repository: recorded only';
  const form = recognizeForm({ labels: labelNames(event.issue), title: event.issue.title ?? '', body: event.issue.body ?? '' });
  if (event.issue.pull_request) return 'a pull request: handled by pull_request events';
  const { row, newest } = await recordIssue(bot.services, repository, event.issue, form);
  if (!newest) return 'an older view of the issue than the one recorded: kept the newer';
  if (!row.form) return 'not from a form: recorded';
  if (row.state !== 'open' && !row.requestId && !row.proposalId) return 'closed before it was filed: recorded';
  const parsed = parseFiledIssue(row.form, row.body);
  if (!parsed.ok) {
    const updated = await recordProblems(bot.services, row, parsed.problems);
    await queueIssueSync(bot.services, updated, bot.publicUrl);
    return `form has ${parsed.problems.length} problem(s): needs info`;
  }
  const issue = row.problems.length > 0 ? await recordProblems(bot.services, row, []) : row;
  if (parsed.kind === 'release') return openReleaseVote(bot, issue, parsed.proposal);
  if (!issue.requestId) return fileFromIssue(bot, issue, parsed.filing);
  return amendFromIssue(bot, issue, parsed.filing, event);
}

async function fileFromIssue(bot: BotContext, issue: IssueRow, filing: Parameters<typeof fileRequest>[1]['input']): Promise<string> {
  const actor = await requesterActorOf(bot.services, { login: issue.authorLogin, id: issue.authorId ?? undefined });
  const { answer } = await applyOnce(
    bot.services,
    `issue:${issueRef(issue)}:filed`,
    (services) => fileRequest(services, { actor, input: filing }),
    (view) => view.id,
    (tx, view) => linkIssueInWrite(tx, issue, { requestId: view.id }),
  );
  // The feed re-syncs on `request.filed`; queued here too so a parse fixed by an edit shows at once.
  const linked = (await loadIssue(bot.services, issue.repository, issue.number))!;
  await queueIssueSync(bot.services, linked, bot.publicUrl);
  return `filed as ${answer}`;
}

async function amendFromIssue(bot: BotContext, issue: IssueRow, filing: Parameters<typeof amendRequest>[1]['input']['filing'], event: IssueEvent): Promise<string> {
  if (event.action !== 'edited') return `already filed as ${issue.requestId}`;
  if (event.sender && event.sender.login.toLowerCase() !== issue.authorLogin) return 'edited by someone other than the requester: the request keeps what its requester filed';
  const actor = await requesterActorOf(bot.services, { login: issue.authorLogin, id: issue.authorId ?? undefined });
  try {
    const { answer } = await applyOnce(
      bot.services,
      `issue:${issueRef(issue)}:amend:${issue.githubUpdatedAt}`,
      (services) => amendRequest(services, { actor, input: { id: issue.requestId!, filing } }),
      (result) => (result.changed ? 'amended' : 'unchanged'),
    );
    const answered = answer === 'amended' ? await answerWaitingRequest(bot, issue, actor, 'Answered by editing the issue form.') : '';
    await queueIssueSync(bot.services, issue, bot.publicUrl);
    return `${answer}${answered}`;
  } catch (error) {
    if (!isAppError(error)) throw error;
    await queueIssueSync(bot.services, issue, bot.publicUrl, { refusal: `The edit was not applied: ${error.message}` });
    return `edit refused: ${error.message}`;
  }
}

/** A request waiting for its requester moves on when they answer (by comment or by editing the form). */
export async function answerWaitingRequest(bot: BotContext, issue: IssueRow, actor: Actor, comment: string): Promise<string> {
  const request = await loadRequest(bot.services.database.db, issue.requestId!);
  if (request.pausedFrom === null) return '';
  const answer = MACHINES[request.type].transitions.find((transition) => transition.roles.includes('requester') && transition.to === 'back' && transition.from.includes(request.state));
  if (!answer) return '';
  await applyOnce(
    bot.services,
    `request:${request.id}:answer:${request.updatedAt}`,
    (services) => transitionRequest(services, { actor, input: { id: request.id, transition: answer.name, comment } }),
    (view) => view.state,
  );
  return `; the request moved on (${answer.name})`;
}

async function openReleaseVote(bot: BotContext, issue: IssueRow, proposal: Parameters<typeof openProposal>[1]['input']): Promise<string> {
  if (issue.proposalId) return `already put to the vote as ${issue.proposalId}`;
  const actor = await actorOf(bot.services, { login: issue.authorLogin, id: issue.authorId ?? undefined });
  if (!actor || actor.kind !== 'member') {
    await queueIssueSync(bot.services, issue, bot.publicUrl, { refusal: `A release vote is opened by a release manager in the consortium registry; @${issue.authorLogin} is not a member there. Ask a release manager to file it.` });
    return 'release proposal from someone who is not a member: refused';
  }
  try {
    const { answer } = await applyOnce(
      bot.services,
      `issue:${issueRef(issue)}:proposed`,
      (services) => openProposal(services, { actor, input: proposal }),
      (row) => row.id,
      (tx, row) => linkIssueInWrite(tx, issue, { proposalId: row.id }),
    );
    await queueIssueSync(bot.services, (await loadIssue(bot.services, issue.repository, issue.number))!, bot.publicUrl);
    return `vote opened: ${answer}`;
  } catch (error) {
    if (!isAppError(error)) throw error;
    await queueIssueSync(bot.services, issue, bot.publicUrl, { refusal: `The vote was not opened: ${error.message} Edit the issue once this is fixed; the bot tries again.` });
    return `release vote refused: ${error.message}`;
  }
}
