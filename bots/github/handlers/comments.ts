import type { Actor } from '../../../api/services/context.ts';
import { commentSeenKey, recordSeen } from '../../../api/services/github/effects.ts';
import { loadIssue, type IssuePayload } from '../../../api/services/github/tracked-issues.ts';
import { isAppError } from '../../../api/services/errors.ts';
import { enqueueOutbox } from '../../../api/services/outbox.ts';
import type { BotContext } from '../bot-context.ts';
import { readCommands, replyTo, type CommandAnswer } from '../comment-commands.ts';
import { actorOf } from '../identity.ts';
import { GITHUB_CHANNEL } from '../sync/github-messages.ts';
import { issueKey } from '../sync/issue-sync.ts';
import { answerWaitingRequest } from './issues.ts';
import { repositoryOf } from './issue-records.ts';
import { Refusal, runCommand } from './run-command.ts';

export type CommentEvent = {
  action: string;
  issue: IssuePayload;
  comment: { id: number; body?: string | null; updated_at?: string; user?: { login: string; id?: number; type?: string } | null };
  repository?: { full_name?: string };
};

/**
 * `issue_comment.created|edited`: every command in the comment is run and answered in one reply
 * (edited in place when the comment is edited); a requester's plain comment answers a request that
 * waits for them. Without commands a comment changes nothing: discussion stays on GitHub.
 */
export async function applyComment(bot: BotContext, event: CommentEvent): Promise<string> {
  const outcome = await applyCommentCommands(bot, event);
  // The reconciler skips what was applied (bots/github/reconciler.ts).
  if (event.comment.updated_at) {
    const key = commentSeenKey(event.comment.id, event.comment.updated_at);
    await recordSeen(bot.services, key, outcome);
  }
  return outcome;
}

async function applyCommentCommands(bot: BotContext, event: CommentEvent): Promise<string> {
  const author = event.comment.user;
  if (!author || author.type === 'Bot' || (bot.botLogin && author.login.toLowerCase() === bot.botLogin.toLowerCase())) return 'from a bot: ignored';
  const body = event.comment.body ?? '';
  if (body.includes('<!-- agora:')) return "the bot's own comment: ignored";
  const repository = repositoryOf(event);
  if (!repository) return 'no repository: recorded only';
  const issue = await loadIssue(bot.services, repository, event.issue.number);
  const commands = readCommands(body);
  const actor = await actorOf(bot.services, author);
  if (commands.length === 0) {
    if (issue?.requestId && actor?.kind !== undefined && isRequester(actor, issue, author.login) && event.action === 'created') {
      const moved = await answerWaitingRequest(bot, issue, actor, body.slice(0, 20_000));
      return moved ? `the requester answered${moved}` : 'no commands';
    }
    return 'no commands';
  }
  const answers: CommandAnswer[] = [];
  for (const command of commands) {
    if (command.kind !== 'command') {
      answers.push({ text: command.text, outcome: 'refused', message: command.reason });
      continue;
    }
    if (!issue) {
      answers.push({ text: command.text, outcome: 'refused', message: 'This issue is not one the hub follows (it was not filed with one of the request forms).' });
      continue;
    }
    if (!actor && command.command.name !== 'status') {
      answers.push({ text: command.text, outcome: 'refused', message: `@${author.login} is not in the consortium registry, and only members (and a request's own requester) act here. To be added, ask your organisation's delegate to add your GitHub login to content/governance (a reviewed pull request).` });
      continue;
    }
    try {
      const result = await runCommand(bot, { issue, actor: actor ?? { kind: 'anonymous' }, login: author.login, commentId: event.comment.id, command: command.command, edited: event.action === 'edited' });
      answers.push({ text: command.text, ...result });
    } catch (error) {
      if (error instanceof Refusal || isAppError(error)) answers.push({ text: command.text, outcome: 'refused', message: error.message });
      else throw error;
    }
  }
  await bot.services.database.write(async (tx) => {
    await enqueueOutbox(tx, {
      channel: GITHUB_CHANNEL,
      key: issueKey({ repository, number: event.issue.number }, `reply:${event.comment.id}`),
      payload: { op: 'comment', repository, number: event.issue.number, marker: `<!-- agora:reply:${event.comment.id} -->`, body: replyTo(answers) },
      now: bot.services.clock(),
    });
  });
  return `${answers.length} command(s): ${answers.map((answer) => answer.outcome).join(', ')}`;
}

const isRequester = (actor: Actor, issue: { authorLogin: string }, login: string) => actor.kind !== 'anonymous' && issue.authorLogin === login.toLowerCase();
