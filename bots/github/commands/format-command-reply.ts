import { formatInlineCode } from './format-inline-code.ts';

/** How the bot's attempt at one command ended. */
export type CommandOutcome = 'done' | 'refused' | 'failed';

export type CommandReplyLine = {
  /** The command as `parseCommands` quoted it; hostile text, so it is only ever shown as code. */
  command: { text: string };
  outcome: CommandOutcome;
  /**
   * What happened, as Markdown the bot wrote. Text from users must not be pasted into it raw: pass
   * it through `escapeMarkdownText` or `formatInlineCode` first. (`parseCommands`' reasons never
   * repeat the user's text, so they can be used as they are.)
   */
  message: string;
};

export type CommandReplyOptions = {
  /**
   * The reply's id: the first line becomes the hidden marker `<!-- agora:reply:<id> -->`, by which
   * the bot finds its own reply to edit it. Letters, digits and `_ . : -` only.
   */
  markerId?: string;
};

const OUTCOME_ICONS: Record<CommandOutcome, string> = { done: '✅', refused: '❌', failed: '❌' };
/** No `>` and no whitespace, so a marker can never close its comment early or span lines. */
const MARKER_ID = /^[A-Za-z0-9_.:-]{1,200}$/;

/**
 * The bot's reply to a comment's commands, as GitHub Markdown: an optional hidden marker, then one
 * list item per command with ✅ (done) or ❌ (refused or failed), the command quoted as inline code
 * and the message. Throws when `markerId` has characters a marker cannot hold (a broken contract:
 * ids are the bot's own).
 */
export function formatCommandReply(results: readonly CommandReplyLine[], options: CommandReplyOptions = {}): string {
  const { markerId } = options;
  if (markerId !== undefined && !MARKER_ID.test(markerId)) {
    throw new TypeError(`reply marker ids are 1 to 200 letters, digits, "_", ".", ":" or "-"; got ${JSON.stringify(markerId)}`);
  }
  const marker = markerId === undefined ? [] : [`<!-- agora:reply:${markerId} -->`];
  const items = results.map(({ command, outcome, message }) => {
    // Continuation lines are indented to stay inside the item.
    const body = message.trim().split(/\r\n|\r|\n/).join('\n  ');
    return `- ${OUTCOME_ICONS[outcome]} ${formatInlineCode(command.text)}${body ? ` — ${body}` : ''}`;
  });
  return [...marker, ...items].join('\n');
}
