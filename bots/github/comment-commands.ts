import type { BallotOption } from '../../api/domain/decisions/policy.ts';
import { KNOWN_COMMANDS } from './commands/command-grammar.ts';
import { escapeMarkdownText } from './commands/escape-markdown-text.ts';
import { formatCommandReply } from './commands/format-command-reply.ts';
import { parseCommands } from './commands/parse-commands.ts';

export { escapeMarkdownText };

/** A command the bot runs, with its arguments read (bots/github/commands/ parses them). */
export type BotCommand =
  | { name: 'status' }
  | { name: 'vote'; choice: BallotOption; reason: string | null }
  | { name: 'concern'; concern: string; text: string | null }
  | { name: 'resolve'; concern: string }
  /** `null`: the commenter assigns themselves. */
  | { name: 'assign'; login: string | null }
  /** A state to move to or the name of the step (`/transition under_review`, `/transition start_review`). */
  | { name: 'transition'; state: string; comment: string | null }
  | { name: 'withdraw'; reason: string | null };

/** A command line found in a comment: read, or refused with the reason (never dropped). */
export type FoundCommand = { kind: 'command'; text: string; command: BotCommand } | { kind: 'refused'; text: string; reason: string };

export type CommandAnswer = { text: string; outcome: 'done' | 'refused'; message: string };

const KNOWN_LIST = KNOWN_COMMANDS.map((command) => command.usage).join(', ');

/** The commands of a comment, each read or refused, in order. */
export function readCommands(body: string): FoundCommand[] {
  return parseCommands(body).map((parsed): FoundCommand => {
    if (parsed.kind === 'unknown') return { kind: 'refused', text: parsed.text, reason: `/${parsed.name} is not a command of this bot. Known commands: ${KNOWN_LIST}.` };
    if (parsed.kind === 'invalid') return { kind: 'refused', text: parsed.text, reason: parsed.reason };
    return { kind: 'command', text: parsed.text, command: toBotCommand(parsed) };
  });
}

function toBotCommand(parsed: Extract<ReturnType<typeof parseCommands>[number], { kind: 'command' }>): BotCommand {
  switch (parsed.name) {
    case 'status':
      return { name: 'status' };
    case 'vote':
      return { name: 'vote', choice: parsed.args.choice, reason: parsed.args.reason };
    case 'concern':
      return { name: 'concern', concern: parsed.args.name, text: parsed.args.text };
    case 'resolve':
      return { name: 'resolve', concern: parsed.args.name };
    case 'assign':
      return { name: 'assign', login: parsed.args.login };
    case 'transition':
      return { name: 'transition', state: parsed.args.transition, comment: parsed.args.comment };
    case 'withdraw':
      return { name: 'withdraw', reason: parsed.args.reason };
  }
}

/**
 * The reply to a comment's commands: each quoted as code, done or refused, and the bot's answer.
 * Answers can carry text someone wrote (a title, a name in a refusal), so they are escaped.
 */
export function replyTo(answers: readonly CommandAnswer[]): string {
  // The marker that finds this reply again is added by the delivery (GitHubMessage `comment`).
  return formatCommandReply(answers.map((answer) => ({ command: { text: answer.text }, outcome: answer.outcome, message: escapeMarkdownText(answer.message) })));
}
