import { judgeTransition, MACHINES } from '../../../api/domain/requests/machines.ts';
import { isAppError } from '../../../api/services/errors.ts';
import { loadIssue, markIssueState, moveTransferredIssue } from '../../../api/services/github/tracked-issues.ts';
import { loadRequest, transitionRequest } from '../../../api/services/requests/transition-request.ts';
import { applyOnce } from '../apply-once.ts';
import type { BotContext } from '../bot-context.ts';
import { requesterActorOf } from '../identity.ts';
import { isBotLabel } from '../sync/labels.ts';
import type { IssueEvent } from './issues.ts';
import { applyIssueContent } from './issues.ts';
import { queueIssueSync, repositoryOf } from './issue-records.ts';

const isBotSender = (bot: BotContext, event: IssueEvent) =>
  event.sender?.type === 'Bot' || (bot.botLogin !== null && event.sender?.login.toLowerCase() === bot.botLogin.toLowerCase());

/**
 * `issues.closed`: the issue is the request, so it closes when the request does. The requester
 * closing it withdraws the request where withdrawing is allowed; anyone else closing an open
 * request's issue gets it reopened with the status comment saying why.
 */
export async function applyIssueClosed(bot: BotContext, event: IssueEvent): Promise<string> {
  const issue = await trackedIssue(bot, event, 'closed');
  if (!issue) return 'not tracked: recorded';
  if (!issue.requestId || isBotSender(bot, event)) {
    if (!issue.requestId && !issue.proposalId) return 'closed';
    await queueIssueSync(bot.services, issue, bot.publicUrl);
    return 'closed';
  }
  const request = await loadRequest(bot.services.database.db, issue.requestId);
  if (MACHINES[request.type].final.includes(request.state)) return 'closed with its request';
  const byRequester = event.sender?.login.toLowerCase() === issue.authorLogin;
  if (byRequester && judgeTransition(request.type, request, 'withdraw', ['requester'], null).allowed) {
    const actor = await requesterActorOf(bot.services, { login: issue.authorLogin, id: issue.authorId ?? undefined });
    try {
      await applyOnce(
        bot.services,
        `request:${request.id}:withdrawn-by-closing`,
        (services) => transitionRequest(services, { actor, input: { id: request.id, transition: 'withdraw', comment: 'The requester closed the issue.' } }),
        (view) => view.state,
      );
      return 'the requester closed the issue: request withdrawn';
    } catch (error) {
      if (!isAppError(error)) throw error;
    }
  }
  await queueIssueSync(bot.services, issue, bot.publicUrl, {
    force: true,
    refusal: `This issue was closed on GitHub, but it tracks a request that is still ${request.state.replaceAll('_', ' ')}: it stays open until the request closes. The requester can withdraw with \`/withdraw\`.`,
  });
  return 'closed while its request is open: reopened';
}

/** `issues.reopened`: a request that has closed closes its issue again; an open one syncs. */
export async function applyIssueReopened(bot: BotContext, event: IssueEvent): Promise<string> {
  const issue = await trackedIssue(bot, event, 'open');
  if (!issue) return applyIssueContent(bot, event);
  if (!issue.requestId && !issue.proposalId) return applyIssueContent(bot, event);
  await queueIssueSync(bot.services, issue, bot.publicUrl, { force: true });
  return 'reopened: synced with its request';
}

/** `issues.labeled|unlabeled`: labels in the bot's namespace are the record's; a person's change is put back. */
export async function applyIssueLabels(bot: BotContext, event: IssueEvent & { label?: { name?: string } }): Promise<string> {
  const name = event.label?.name ?? '';
  if (!isBotLabel(name) || isBotSender(bot, event)) return 'label outside the bot namespace or set by the bot: recorded';
  const repository = repositoryOf(event);
  const issue = repository ? await loadIssue(bot.services, repository, event.issue.number) : null;
  if (!issue?.form) return 'not tracked: recorded';
  await queueIssueSync(bot.services, issue, bot.publicUrl, { force: true });
  return `label ${name} changed by a person: put back`;
}

/** `issues.transferred`: the request follows the issue to its new repository and number. */
export async function applyIssueTransferred(bot: BotContext, event: IssueEvent & { changes?: { new_issue?: { number: number }; new_repository?: { full_name?: string } } }): Promise<string> {
  const repository = repositoryOf(event);
  const next = event.changes?.new_issue?.number;
  const nextRepository = event.changes?.new_repository?.full_name;
  if (!repository || !next || !nextRepository) return 'transfer without a destination: recorded';
  await moveTransferredIssue(bot.services, { repository, number: event.issue.number }, { repository: nextRepository, number: next });
  return `moved to ${nextRepository}#${next}`;
}

/** `issues.deleted`: the request stays (the ledger loses nothing); the issue is marked gone. */
export async function applyIssueDeleted(bot: BotContext, event: IssueEvent): Promise<string> {
  const issue = await trackedIssue(bot, event, 'deleted');
  return issue?.requestId ? `issue deleted; request ${issue.requestId} is kept` : 'issue deleted';
}

async function trackedIssue(bot: BotContext, event: IssueEvent, state: 'open' | 'closed' | 'deleted') {
  const repository = repositoryOf(event);
  if (!repository) return null;
  const issue = await loadIssue(bot.services, repository, event.issue.number);
  if (!issue) return null;
  await markIssueState(bot.services, { repository, number: issue.number }, state);
  return { ...issue, state };
}
