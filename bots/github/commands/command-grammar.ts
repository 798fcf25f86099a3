import { BALLOT_OPTIONS, type BallotOption } from '../../../api/domain/decisions/policy.ts';

/**
 * The comment commands, one anchored regexp each (Prow's plugins match one per command), applied to
 * the whole line, trimmed. A line that names a known command but does not match its regexp is an
 * `invalid` entry whose reason says what was expected. Reasons never repeat the user's text (the
 * reply quotes the command already), so a reply may put them into Markdown as they are.
 */

/** What each command carries once parsed. `null` means "not written". */
export type CommandArgs = {
  /** `yes` and `no` are read as `approve` and `reject`: unambiguous, and what people type on ballots. */
  vote: { choice: BallotOption; reason: string | null };
  /** `name` lower-cased, so `/resolve Perf` resolves `/concern perf`. */
  concern: { name: string; text: string | null };
  resolve: { name: string };
  status: Record<never, never>;
  /** `login` as written, without `@`; `null` (a bare `/assign`) means the commenter, as in Prow. */
  assign: { login: string | null };
  /**
   * `transition` is the name the request's machine gives the step (`start_review`, `withdraw`),
   * lower-cased; whether it exists and is allowed is the machine's call, not the parser's.
   */
  transition: { transition: string; comment: string | null };
  /** The requester's shortcut for `/transition withdraw`. */
  withdraw: { reason: string | null };
};
export type CommandName = keyof CommandArgs;

/** A line that is one of the known commands, well formed. */
export type ValidCommand = {
  [N in CommandName]: { kind: 'command'; name: N; args: CommandArgs[N]; line: number; text: string };
}[CommandName];
/** A line that looks like a command but cannot be run; `reason` says why, for the reply. */
export type InvalidCommand = { kind: 'invalid'; name: string; line: number; text: string; reason: string };
/** A `/word` line naming no known command; the reply lists {@link KNOWN_COMMANDS}. */
export type UnknownCommand = { kind: 'unknown'; name: string; line: number; text: string };
export type ParsedCommand = ValidCommand | InvalidCommand | UnknownCommand;

type Grammar<N extends CommandName> = {
  name: N;
  usage: string;
  description: string;
  pattern: RegExp;
  readArgs: (groups: (string | undefined)[]) => CommandArgs[N];
  /** Why a line naming this command did not match; `rest` is what follows the command word. */
  explain: (rest: string) => string;
};

const SLUG = '[a-z0-9][a-z0-9_-]{0,63}';
const CHOICES = `${BALLOT_OPTIONS.join('|')}|yes|no`;
const CHOICE_SYNONYMS: Record<string, BallotOption> = { yes: 'approve', no: 'reject' };
const CHOICE_HELP = `${BALLOT_OPTIONS.slice(0, -1).join(', ')} or ${BALLOT_OPTIONS.at(-1)} (yes means approve, no means reject)`;
const SLUG_HELP = 'a concern name is 1 to 64 letters, digits, "-" or "_", starting with a letter or a digit';
const LOGIN_HELP = 'a GitHub login is 1 to 39 letters, digits and single hyphens, not starting or ending with one';

/** The text after the command's arguments, trimmed; `null` when there is none. */
const optional = (value: string | undefined) => value?.trim() || null;
const wordCount = (rest: string) => rest.split(/\s+/).filter(Boolean).length;

const vote: Grammar<'vote'> = {
  name: 'vote',
  usage: '/vote approve|abstain|reject [reason…]',
  description: 'cast or change your ballot on the open vote; the rest of the line is your reason',
  pattern: new RegExp(`^/vote\\s+(${CHOICES})(?:\\s+(.+))?$`, 'i'),
  readArgs: ([choice, reason]) => {
    const word = choice!.toLowerCase();
    return { choice: CHOICE_SYNONYMS[word] ?? (word as BallotOption), reason: optional(reason) };
  },
  explain: (rest) => (rest ? `the choice must be ${CHOICE_HELP}` : `/vote needs a choice: ${CHOICE_HELP}`),
};

const concern: Grammar<'concern'> = {
  name: 'concern',
  usage: '/concern NAME [text…]',
  description: 'raise a named concern that blocks the request until it is resolved',
  pattern: new RegExp(`^/concern\\s+(${SLUG})(?:\\s+(.+))?$`, 'i'),
  readArgs: ([name, text]) => ({ name: name!.toLowerCase(), text: optional(text) }),
  explain: (rest) => (rest ? SLUG_HELP : `/concern needs a name: ${SLUG_HELP}`),
};

const resolve: Grammar<'resolve'> = {
  name: 'resolve',
  usage: '/resolve NAME',
  description: 'resolve a concern you raised',
  pattern: new RegExp(`^/resolve\\s+(${SLUG})$`, 'i'),
  readArgs: ([name]) => ({ name: name!.toLowerCase() }),
  explain: (rest) => {
    if (!rest) return `/resolve needs the concern's name: ${SLUG_HELP}`;
    return wordCount(rest) > 1 ? "/resolve takes only the concern's name" : SLUG_HELP;
  },
};

const status: Grammar<'status'> = {
  name: 'status',
  usage: '/status',
  description: "show the request's state, open concerns and the vote's tally",
  pattern: /^\/status$/i,
  readArgs: () => ({}),
  explain: () => '/status takes nothing after it',
};

const assign: Grammar<'assign'> = {
  name: 'assign',
  usage: '/assign [@login]',
  description: 'assign a reviewer; without a login, assign yourself',
  // The lookahead caps the length; the group allows single hyphens between letters and digits only.
  pattern: /^\/assign(?:\s+@?(?=[a-z0-9-]{1,39}$)([a-z0-9]+(?:-[a-z0-9]+)*))?$/i,
  readArgs: ([login]) => ({ login: login ?? null }),
  explain: (rest) => (wordCount(rest) > 1 ? '/assign takes one login; write one line per person' : LOGIN_HELP),
};

const transition: Grammar<'transition'> = {
  name: 'transition',
  usage: '/transition NAME [comment…]',
  description: 'move the request along its workflow (e.g. start_review, withdraw); the rest of the line is your comment',
  pattern: /^\/transition\s+(?=[a-z0-9_]{1,64}(?:\s|$))([a-z][a-z0-9]*(?:_[a-z0-9]+)*)(?:\s+(.+))?$/i,
  readArgs: ([name, comment]) => ({ transition: name!.toLowerCase(), comment: optional(comment) }),
  explain: (rest) =>
    rest
      ? 'a transition is a snake_case word of up to 64 characters, such as start_review'
      : '/transition needs the name of a step, such as start_review or withdraw',
};

const withdraw: Grammar<'withdraw'> = {
  name: 'withdraw',
  usage: '/withdraw [reason…]',
  description: 'withdraw your own request (the same as /transition withdraw); the rest of the line is your reason',
  pattern: /^\/withdraw(?:\s+(.+))?$/i,
  readArgs: ([reason]) => ({ reason: optional(reason) }),
  explain: () => '/withdraw takes an optional reason',
};

const GRAMMARS = [vote, concern, resolve, status, assign, transition, withdraw] as const;
const GRAMMAR_BY_NAME: ReadonlyMap<string, Grammar<CommandName>> = new Map(GRAMMARS.map((grammar) => [grammar.name, grammar as Grammar<CommandName>]));

/** The commands the bot knows, with a one-line usage each, for help and "unknown command" replies. */
export const KNOWN_COMMANDS: readonly { name: CommandName; usage: string; description: string }[] = GRAMMARS.map(
  ({ name, usage, description }) => ({ name, usage, description }),
);

/**
 * Reads one line already known to look like a command (`name` is its command word, lower-cased;
 * `text` is the line trimmed, at most 1,000 characters; `quoted` is what the entry shows of it).
 */
export function readCommandLine(name: string, text: string, line: number, quoted: string): ParsedCommand {
  const grammar = GRAMMAR_BY_NAME.get(name);
  if (!grammar) return { kind: 'unknown', name, line, text: quoted };
  const match = grammar.pattern.exec(text);
  if (!match) {
    const rest = text.slice(name.length + 1).trim();
    return { kind: 'invalid', name, line, text: quoted, reason: grammar.explain(rest) };
  }
  return { kind: 'command', name: grammar.name, args: grammar.readArgs(match.slice(1)), line, text: quoted } as ValidCommand;
}
