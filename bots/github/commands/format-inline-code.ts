/**
 * `text` as one Markdown code span, shown exactly as written and never read as Markdown: no links,
 * HTML or emphasis, and no `@mention` pings or `#123` references (GitHub links neither inside code).
 * The fence is one backtick longer than the longest run inside, so no backtick in the text can close
 * it; a space pads text that starts or ends with a backtick or a space (CommonMark strips one from
 * each side). Line breaks become spaces, since a blank line would end the span's paragraph; lone
 * surrogates and NUL become U+FFFD.
 */
export function formatInlineCode(text: string): string {
  const code = text.toWellFormed().replaceAll('\0', '\uFFFD').replace(/\r\n|\r|\n/g, ' ');
  let longestRun = 0;
  for (const [run] of code.matchAll(/`+/g)) longestRun = Math.max(longestRun, run.length);
  const fence = '`'.repeat(longestRun + 1);
  const isAllSpaces = /^ *$/.test(code);
  const pad = !isAllSpaces && /^[` ]|[` ]$/.test(code) ? ' ' : '';
  // An empty span is not a code span at all; a single space is one that shows nothing.
  return `${fence}${pad}${code || ' '}${pad}${fence}`;
}
