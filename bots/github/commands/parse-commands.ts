import { readCommandLine, type ParsedCommand } from './command-grammar.ts';
import { findHiddenLines } from './find-hidden-lines.ts';

export type { ParsedCommand } from './command-grammar.ts';

/** Only this much of a comment is read, in UTF-8 bytes; GitHub allows 65,536 characters. */
export const MAX_COMMENT_BYTES = 64 * 1024;
/** Commands read from one comment; one more entry may follow, saying what was left unread. */
export const MAX_COMMANDS_PER_COMMENT = 20;
/** A longer line is text, never a command. */
export const MAX_COMMAND_LINE_LENGTH = 1000;
/** How much of a line an entry's `text` keeps, for quoting it in the reply. */
export const MAX_QUOTED_LENGTH = 200;

/** Line endings as CommonMark has them: CRLF, LF or a lone CR. */
const LINE_ENDING = /\r\n|\r|\n/;
/**
 * A line that looks like a command: `/` and a word of letters and hyphens, then a space or the end
 * of the line. `/api/v1/x`, `/tmp/x`, `/vote:` and URLs do not; `/lgtm` does (and is unknown).
 */
const COMMAND_WORD = /^[ \t]*\/([a-z][a-z-]*)(?![^ \t])/i;
/** The same, anywhere in unread text (at its start or after a line ending). */
const COMMAND_WORD_IN_TEXT = /(?<![^\r\n])[ \t]*\/([a-z][a-z-]*)(?![^ \t\r\n])/i;

/**
 * The commands in a GitHub comment, in the order written: whole lines starting with `/` (leading
 * spaces allowed, names in any case), outside code blocks, inline code and HTML comments (see
 * `findHiddenLines`); a quoted line starts with `>` and so is never one.
 *
 * Every line that looks like a command gets an entry, so the bot can answer each: `command` when it
 * can run, `invalid` with the reason when it cannot, `unknown` when no command has that name. Only
 * the first {@link MAX_COMMENT_BYTES} are read and only {@link MAX_COMMANDS_PER_COMMENT} commands;
 * when commands were left unread, one last `invalid` entry quotes the first of them and says why.
 * Lone surrogates and NUL read as U+FFFD, so every string in the answer is well formed. Never throws.
 */
export function parseCommands(body: string): ParsedCommand[] {
  const { read, unread, unreadFromLine } = cutComment(body);
  const lines = toWellFormed(read).split(LINE_ENDING);
  const candidates = lines.flatMap((raw, index) => {
    const name = COMMAND_WORD.exec(raw)?.[1]?.toLowerCase();
    return name ? [{ name, raw, line: index + 1 }] : [];
  });
  // Most comments hold no command; they never reach the Markdown parser.
  // Long lines reach it cut short: they are text anyway, and deep nesting on one line costs the
  // parser time in proportion to its square.
  const hidden: ReadonlySet<number> = candidates.length ? findHiddenLines(lines.map((raw) => toWellFormed(raw.slice(0, MAX_COMMAND_LINE_LENGTH))).join('\n')) : new Set();
  const visible = candidates.filter(({ line }) => !hidden.has(line));

  const results = visible.slice(0, MAX_COMMANDS_PER_COMMENT).map(({ name, raw, line }): ParsedCommand => {
    const text = raw.trim();
    if (text.length > MAX_COMMAND_LINE_LENGTH) {
      const reason = `the line is longer than ${MAX_COMMAND_LINE_LENGTH.toLocaleString('en')} characters, so it is read as text, not as a command`;
      return { kind: 'invalid', name, line, text: quote(text), reason };
    }
    return readCommandLine(name, text, line, quote(text));
  });

  const firstLeft = visible[MAX_COMMANDS_PER_COMMENT];
  if (firstLeft) {
    const count = visible.length - MAX_COMMANDS_PER_COMMENT;
    const reason = `only ${MAX_COMMANDS_PER_COMMENT} commands are read from one comment; ${count === 1 ? 'this one was' : `this one and the ${count - 1} after it were`} not run, post them in another comment`;
    results.push({ kind: 'invalid', name: firstLeft.name, line: firstLeft.line, text: quote(firstLeft.raw.trim()), reason });
  } else {
    const left = findFirstCommandLine(unread);
    if (left) {
      const reason = `the comment is longer than ${MAX_COMMENT_BYTES / 1024} KiB; this command and all after it were not read, post them in another comment`;
      results.push({ kind: 'invalid', name: left.name, line: unreadFromLine + left.lineOffset, text: quote(left.text), reason });
    }
  }
  return results;
}

/**
 * Splits the comment after its last line ending within {@link MAX_COMMENT_BYTES}, so no line is read
 * cut in half. `unreadFromLine` is the line number of the first unread line.
 */
function cutComment(body: string): { read: string; unread: string; unreadFromLine: number } {
  // A code unit is at most 3 bytes of UTF-8 (a lone surrogate becomes U+FFFD, 3 bytes).
  if (body.length * 3 <= MAX_COMMENT_BYTES) return { read: body, unread: '', unreadFromLine: 0 };
  const { read: fits } = new TextEncoder().encodeInto(body, new Uint8Array(MAX_COMMENT_BYTES));
  if (fits === body.length) return { read: body, unread: '', unreadFromLine: 0 };
  const head = body.slice(0, fits);
  const lastEnd = Math.max(head.lastIndexOf('\n'), head.lastIndexOf('\r'));
  if (lastEnd === -1) return { read: '', unread: body, unreadFromLine: 1 };
  // The line ending may be a CRLF that the cut leaves whole or splits after its CR.
  const readEnd = body[lastEnd] === '\n' && body[lastEnd - 1] === '\r' ? lastEnd - 1 : lastEnd;
  const unreadStart = body.startsWith('\r\n', lastEnd) ? lastEnd + 2 : lastEnd + 1;
  const read = body.slice(0, readEnd);
  return { read, unread: body.slice(unreadStart), unreadFromLine: read.split(LINE_ENDING).length + 1 };
}

/** The first line of unread text that looks like a command, without reading it as Markdown. */
function findFirstCommandLine(unread: string): { name: string; text: string; lineOffset: number } | null {
  const match = COMMAND_WORD_IN_TEXT.exec(unread);
  if (!match) return null;
  const lineEnd = unread.slice(match.index).search(LINE_ENDING);
  const raw = unread.slice(match.index, lineEnd === -1 ? undefined : match.index + lineEnd);
  const lineOffset = countLineEndings(unread, match.index);
  return { name: match[1]!.toLowerCase(), text: toWellFormed(raw.slice(0, MAX_COMMAND_LINE_LENGTH)).trim(), lineOffset };
}

/** Line endings before `end`, a CRLF counting once; a loop, because unread text may be huge. */
function countLineEndings(text: string, end: number): number {
  let count = 0;
  for (let index = 0; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code === 10 || (code === 13 && text.charCodeAt(index + 1) !== 10)) count++;
  }
  return count;
}

/** Lone surrogates and NUL become U+FFFD (as CommonMark reads NUL); lengths are unchanged. */
function toWellFormed(text: string): string {
  return text.toWellFormed().replaceAll('\0', '\uFFFD');
}

/** The line as the reply quotes it: at most {@link MAX_QUOTED_LENGTH} characters, never half a pair. */
function quote(text: string): string {
  if (text.length <= MAX_QUOTED_LENGTH) return text;
  const cut = MAX_QUOTED_LENGTH - 1;
  const endsInsidePair = /[\uD800-\uDBFF]/.test(text.charAt(cut - 1));
  return `${text.slice(0, endsInsidePair ? cut - 1 : cut)}…`;
}
