import { MACHINES } from '../../../api/domain/requests/machines.ts';
import type { Actor } from '../../../api/services/context.ts';
import { appliedEffect, hasEffect } from '../../../api/services/github/effects.ts';
import { listOpenConcerns } from '../../../api/services/github/open-concerns.ts';
import { memberByLogin } from '../../../api/services/github/requesters.ts';
import type { IssueRow } from '../../../api/services/github/tracked-issues.ts';
import { castBallot } from '../../../api/services/decisions/ballots.ts';
import { raiseConcern, resolveConcern } from '../../../api/services/decisions/concerns.ts';
import { loadProposal } from '../../../api/services/decisions/load-proposal.ts';
import { assignRequest, loadRequest, transitionRequest } from '../../../api/services/requests/transition-request.ts';
import { applyOnce } from '../apply-once.ts';
import type { BotContext } from '../bot-context.ts';
import type { BotCommand } from '../comment-commands.ts';
import { describeStatus } from './describe-status.ts';

export type CommandOutcome = { outcome: 'done' | 'refused'; message: string };

/** A refusal the bot explains (AppError messages are written for people and say why). */
export class Refusal extends Error {}

/**
 * Runs one command from a comment for `actor`. Each effect is keyed by the comment and the
 * command, so the same comment applied again (a redelivery, an edit) does not repeat it: an edit
 * never casts a second ballot. Services decide who may do what; their refusals are the answer.
 */
export async function runCommand(
  bot: BotContext,
  { issue, actor, login: commenter, commentId, command, edited }: { issue: IssueRow; actor: Actor; login: string; commentId: number; command: BotCommand; edited: boolean },
): Promise<CommandOutcome> {
  const key = (what: string) => `comment:${commentId}:${what}`;
  const once = async <T>(what: string, run: Parameters<typeof applyOnce<T>>[2], answerOf: (result: T) => string) => {
    const { answer, again } = await applyOnce(bot.services, key(what), run, answerOf);
    return { outcome: 'done' as const, message: again ? `${answer} (already done for this comment)` : answer };
  };
  // Applied before (a redelivery, a late webhook after `github sync`): say again what it did, though
  // the request or the vote has moved on since and the command would be refused if it came now.
  const doneBefore = async (whats: string[]): Promise<CommandOutcome | null> => {
    for (const what of whats) {
      const answer = await appliedEffect(bot.services, key(what));
      if (answer !== null) return { outcome: 'done', message: `${answer} (already done for this comment)` };
    }
    return null;
  };
  switch (command.name) {
    case 'status':
      return { outcome: 'done', message: await describeStatus(bot, issue) };
    case 'vote': {
      const proposalId = await proposalOf(bot, issue);
      if (edited && (await hasEffect(bot.services, key('vote'))))
        return { outcome: 'refused', message: 'This comment already cast a ballot; editing it does not cast another. Post a new comment to change your vote: the latest ballot counts.' };
      return once(
        'vote',
        (services) => castBallot(services, { actor, input: { proposalId, option: command.choice, reason: command.reason ?? null, channel: 'github' } }),
        (receipt) => `Recorded: ${receipt.option} for ${receipt.organizationId} on \`${receipt.proposalId}\`${receipt.binding ? '' : ' (advisory)'}${receipt.replaces ? `, replacing its earlier ballot` : ''}. A later ballot replaces this one.`,
      );
    }
    case 'concern': {
      const proposalId = await proposalOf(bot, issue);
      return once(`concern:${command.concern}`, (services) => raiseConcern(services, { actor, input: { proposalId, title: command.concern, body: command.text ?? null } }), () => `Concern "${command.concern}" raised: the vote cannot pass while it is open.`);
    }
    case 'resolve': {
      const done = await doneBefore([`resolve:${command.concern}`]);
      if (done) return done;
      const proposalId = await proposalOf(bot, issue);
      const concern = await openConcernNamed(bot, proposalId, command.concern);
      return once(`resolve:${command.concern}`, (services) => resolveConcern(services, { actor, input: { proposalId, concernId: concern } }), () => `Concern "${command.concern}" resolved.`);
    }
    case 'assign': {
      const requestId = requestOf(issue);
      const login = (command.login ?? commenter).toLowerCase();
      const memberId = await memberByLogin(bot.services, login);
      if (!memberId) throw new Refusal(`@${login} is not in the consortium registry.`);
      return once(`assign:${login}`, (services) => assignRequest(services, { actor, input: { id: requestId, memberId } }), () => `Assigned to ${memberId}.`);
    }
    case 'transition':
    case 'withdraw': {
      const requestId = requestOf(issue);
      const request = await loadRequest(bot.services.database.db, requestId);
      const leadingThere = command.name === 'withdraw' ? ['withdraw'] : MACHINES[request.type].transitions.filter((transition) => transition.to === command.state || transition.name === command.state).map((transition) => transition.name);
      const done = await doneBefore(leadingThere.map((name) => `transition:${name}`));
      if (done) return done;
      const name = command.name === 'withdraw' ? 'withdraw' : transitionNamed(request, command.state);
      const comment = command.name === 'withdraw' ? (command.reason ?? null) : (command.comment ?? null);
      return once(`transition:${name}`, (services) => transitionRequest(services, { actor, input: { id: requestId, transition: name, comment } }), (view) => `Done: the request is now ${view.state.replaceAll('_', ' ')}.`);
    }
  }
}

function requestOf(issue: IssueRow): string {
  if (!issue.requestId) throw new Refusal('This issue does not track a request (yet): nothing to act on.');
  return issue.requestId;
}

async function proposalOf(bot: BotContext, issue: IssueRow): Promise<string> {
  if (issue.proposalId) return issue.proposalId;
  if (issue.requestId) {
    const request = await loadRequest(bot.services.database.db, issue.requestId);
    if (request.linkedProposalId) return request.linkedProposalId;
  }
  throw new Refusal('There is no vote on this issue: votes are taken on release proposals and on nominations put to the vote.');
}

/** `/transition STATE` names where to go; the machine says which transition leads there from here. */
function transitionNamed(request: { type: keyof typeof MACHINES; state: string }, target: string): string {
  const machine = MACHINES[request.type];
  const here = machine.transitions.filter((transition) => transition.from.includes(request.state));
  const match = here.find((transition) => transition.to === target || transition.name === target);
  if (match) return match.name;
  const options = here.map((transition) => (transition.to === 'back' ? transition.name : transition.to));
  throw new Refusal(
    `The request is ${request.state.replaceAll('_', ' ')}; "${target}" is not reachable from here. ${options.length ? `From here: ${[...new Set(options)].join(', ')}.` : 'It is closed.'}`,
  );
}

async function openConcernNamed(bot: BotContext, proposalId: string, name: string): Promise<string> {
  await loadProposal(bot.services.database.db, proposalId);
  const rows = await listOpenConcerns(bot.services, proposalId);
  const found = rows.find((row) => row.title.toLowerCase() === name.toLowerCase());
  if (!found) throw new Refusal(`No open concern is named "${name}" on this vote${rows.length ? ` (open: ${rows.map((row) => row.title).join(', ')})` : ''}.`);
  return found.id;
}
