/**
 * Markdown that GitHub shows as exactly `text`, for echoing user text outside code in the bot's
 * comments: every ASCII punctuation character is backslash-escaped (no links, images, emphasis, HTML,
 * headings, lists or tables can form), a zero-width space follows each `@` and `#` so quoting never
 * pings anyone or cross-references an issue (Renovate's `@&#8203;` trick), and whitespace runs
 * (line breaks included) become one space, so the result stays inside the sentence it is put in.
 * Lone surrogates and NUL become U+FFFD. Bare URLs may still be shown as links, as any text shows them.
 */
export function escapeMarkdownText(text: string): string {
  return text
    .toWellFormed()
    .replaceAll('\0', '\uFFFD')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[!-/:-@[-`{-~]/g, (character) => (character === '@' || character === '#' ? `\\${character}&#8203;` : `\\${character}`));
}
