import { BALLOT_OPTIONS, type BallotOption } from '../../api/domain/decisions/policy.ts';

/** A command the bot runs, with its arguments read. */
export type BotCommand =
  | { name: 'status' }
  | { name: 'vote'; choice: BallotOption; reason?: string | undefined }
  | { name: 'concern'; concern: string; text?: string | undefined }
  | { name: 'resolve'; concern: string }
  | { name: 'assign'; login: string }
  | { name: 'transition'; state: string; comment?: string | undefined }
  | { name: 'withdraw'; reason?: string | undefined };

/** A command line as found in a comment: read, or refused with the reason. */
export type FoundCommand = { kind: 'command'; text: string; command: BotCommand } | { kind: 'refused'; text: string; reason: string };

export type CommandAnswer = { text: string; outcome: 'done' | 'refused'; message: string };

/** The commands and how to write them, for answers to unknown ones. */
export const KNOWN_COMMANDS = [
  '/status',
  '/vote approve|abstain|reject [reason]',
  '/concern NAME [text]',
  '/resolve NAME',
  '/assign @login',
  '/transition STATE [comment]',
  '/withdraw [reason]',
] as const;

const MAX_COMMANDS = 20;
const MAX_BODY = 65_536;

/** One anchored pattern per command (Prow style); the rest of the line is the free text. */
const GRAMMAR: { name: BotCommand['name']; pattern: RegExp; read: (match: RegExpMatchArray) => BotCommand; usage: string }[] = [
  { name: 'status', pattern: /^\/status$/i, read: () => ({ name: 'status' }), usage: '/status' },
  { name: 'vote', pattern: new RegExp(`^/vote\\s+(${BALLOT_OPTIONS.join('|')})(?:\\s+(.+))?$`, 'i'), read: (m) => ({ name: 'vote', choice: m[1]!.toLowerCase() as BallotOption, reason: m[2]?.trim() }), usage: KNOWN_COMMANDS[1] },
  { name: 'concern', pattern: /^\/concern\s+([a-z0-9][\w-]{0,63})(?:\s+(.+))?$/i, read: (m) => ({ name: 'concern', concern: m[1]!.toLowerCase(), text: m[2]?.trim() }), usage: KNOWN_COMMANDS[2] },
  { name: 'resolve', pattern: /^\/resolve\s+([a-z0-9][\w-]{0,63})$/i, read: (m) => ({ name: 'resolve', concern: m[1]!.toLowerCase() }), usage: KNOWN_COMMANDS[3] },
  { name: 'assign', pattern: /^\/assign\s+@?([a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38})$/i, read: (m) => ({ name: 'assign', login: m[1]!.toLowerCase() }), usage: KNOWN_COMMANDS[4] },
  { name: 'transition', pattern: /^\/transition\s+([a-z][a-z_]{0,63})(?:\s+(.+))?$/i, read: (m) => ({ name: 'transition', state: m[1]!.toLowerCase(), comment: m[2]?.trim() }), usage: KNOWN_COMMANDS[5] },
  { name: 'withdraw', pattern: /^\/withdraw(?:\s+(.+))?$/i, read: (m) => ({ name: 'withdraw', reason: m[1]?.trim() }), usage: KNOWN_COMMANDS[6] },
];

/** `/word` at the start of a line: a command, known or not (`/api/v1/…` and `/tmp/x` are paths, not commands). */
const COMMAND_LIKE = /^\/([a-z][a-z-]*)(?=\s|$)/i;

/**
 * The commands in a comment: whole lines starting with `/`, anywhere, several per comment, never
 * inside fenced or indented code, block quotes (a quoted reply repeats someone else's command) or
 * HTML comments. A line that looks like a command but is not a valid one comes back refused with
 * the reason, so the bot answers it rather than dropping it. Never throws.
 */
export function readCommands(body: string): FoundCommand[] {
  const found: FoundCommand[] = [];
  let fence: string | null = null;
  let inHtmlComment = false;
  let previousBlank = true;
  for (const raw of body.slice(0, MAX_BODY).toWellFormed().split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, '');
    const wasBlank = previousBlank;
    previousBlank = line.trim() === '';
    if (fence) {
      if (new RegExp(`^ {0,3}${fence[0]}{${fence.length},}\\s*$`).test(line)) fence = null;
      continue;
    }
    const opening = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (opening) {
      fence = opening[1]!;
      continue;
    }
    if (inHtmlComment) {
      if (line.includes('-->')) inHtmlComment = false;
      continue;
    }
    if (line.trimStart().startsWith('<!--')) {
      inHtmlComment = !line.includes('-->');
      continue;
    }
    if (/^ {0,3}>/.test(line)) continue;
    if (wasBlank && /^( {4}|\t)/.test(line)) {
      previousBlank = true; // an indented code block keeps going until a line that is not indented
      continue;
    }
    const text = line.trim();
    const like = COMMAND_LIKE.exec(text);
    if (!like) continue;
    if (found.length >= MAX_COMMANDS) {
      found.push({ kind: 'refused', text: quotable(text), reason: `At most ${MAX_COMMANDS} commands are read from one comment; this one and those after it were not run.` });
      break;
    }
    found.push(readLine(text, like[1]!.toLowerCase()));
  }
  return found;
}

function readLine(text: string, name: string): FoundCommand {
  if (text.length > 1000) return { kind: 'refused', text: quotable(text), reason: 'The line is over 1,000 characters: commands are short.' };
  const rule = GRAMMAR.find((candidate) => candidate.name === name);
  if (!rule) return { kind: 'refused', text: quotable(text), reason: `"/${name}" is not a command here. Known commands: ${KNOWN_COMMANDS.map((usage) => `\`${usage}\``).join(', ')}.` };
  const match = rule.pattern.exec(text);
  if (!match) return { kind: 'refused', text: quotable(text), reason: `Expected \`${rule.usage}\`.` };
  return { kind: 'command', text: quotable(text), command: rule.read(match) };
}

const quotable = (text: string) => (text.length > 200 ? `${text.slice(0, 199)}…` : text);

/**
 * Text that may hold someone's words, echoed in Markdown without it acting: no HTML, no links or
 * images, no mention that pings (a zero-width joiner after `@`), one line. Code spans and emphasis
 * are left as they are: they only change how the text looks.
 */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/[\\<>[\]]/g, (character) => `\\${character}`)
    .replace(/@/g, '@\u200d')
    .replace(/\r?\n/g, ' ');
}

/** Inline code for a quoted command: a fence longer than any run of backticks inside, mentions kept inert. */
function inlineCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  const inner = text.replace(/@/g, '@\u200d');
  const pad = inner.startsWith('`') || inner.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${inner}${pad}${fence}`;
}

/** The bot's reply to a comment's commands: each quoted, done or refused, and why. */
export function replyTo(login: string, answers: readonly CommandAnswer[]): string {
  const lines = [`@\u200d${escapeMarkdownText(login)}:`, ''];
  for (const answer of answers) lines.push(`- ${answer.outcome === 'done' ? '✅' : '❌'} ${inlineCode(answer.text)} — ${escapeMarkdownText(answer.message)}`);
  return lines.join('\n');
}
