/**
 * Makes an issue body safe for @github/issue-parser, whose section pattern splits at any `###`,
 * even mid-line, drops the text after a bare `###`, and backtracks badly on long runs of `#`.
 * Only the headings of the form's fields stay as `###`; every other run of three or more `#` is
 * masked with NUL (removed from the body first, so it cannot clash) and unmasked in the answers.
 */
const MASK = '\u0000';
const MAX_HEADING_WARNINGS = 10;

/** Text that is well-formed and has `\n` line ends; what was changed is told in the warnings. */
export function sanitizeIssueText(body: unknown): { text: string; warnings: string[] } {
  let text = typeof body === 'string' ? body : '';
  const warnings: string[] = [];
  if (text.includes('\u0000')) {
    text = text.replaceAll('\u0000', '');
    warnings.push('The issue body held NUL characters; they were removed.');
  }
  if (!text.isWellFormed()) {
    text = text.toWellFormed();
    warnings.push('The issue body held broken characters (unpaired UTF-16 surrogates); each was replaced with "\uFFFD".');
  }
  return { text: text.replace(/\r\n?/g, '\n'), warnings };
}

/**
 * Keeps `### <label>` as a section heading only for the form's labels, each once and in the form's
 * order (GitHub writes them so; a label quoted inside a later answer stays text). Any other `###`
 * line is text of the answer above it, as @github/issue-parser itself treats unknown headings.
 * Runs of blank lines become one blank line: the library trims answers with /[\n]+$/, which takes
 * seconds on a long run of newlines inside an answer, and Markdown renders them alike.
 */
export function prepareIssueBody(text: string, labels: readonly string[]): { text: string; warnings: string[] } {
  const order = new Map<string, number>();
  labels.forEach((label, index) => order.has(label) || order.set(label, index));
  const lines = text.split('\n');
  const stray: string[] = [];
  let last = -1;
  let section: string | undefined;
  let first: string | undefined;
  let preamble = false;
  let fence: { char: string; length: number } | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const heading = headingText(line);
    const position = heading === undefined ? undefined : order.get(heading);
    if (position !== undefined && position > last) {
      lines[index] = `### ${heading}`;
      [last, section, fence] = [position, heading, undefined];
      first ??= heading;
      continue;
    }
    if (section === undefined) preamble ||= line.trim() !== '';
    else if (heading !== undefined && !fence) stray.push(`"${clip(line.trim())}" is not a heading of this form; it is kept as text in the answer to "${section}".`);
    fence = nextFence(line, fence);
    lines[index] = line.replace(/#{3,}/g, (run) => MASK.repeat(run.length));
  }
  const warnings: string[] = [];
  if (section === undefined) {
    if (preamble) warnings.push('No field of this form was found in the issue body.');
  } else if (preamble) warnings.push(`The text before the first field ("${first}") was ignored.`);
  warnings.push(...stray.slice(0, MAX_HEADING_WARNINGS));
  if (stray.length > MAX_HEADING_WARNINGS) warnings.push(`${stray.length - MAX_HEADING_WARNINGS} more lines starting with "###" are kept as text.`);
  return { text: lines.join('\n').replace(/\n{3,}/g, '\n\n'), warnings };
}

/** The answer's text as the filer wrote it: masked `#` back. */
export function unmaskHashes(text: string): string {
  return text.replaceAll(MASK, '#');
}

/** The text of a `###` heading line (not `####`), trimmed; undefined for any other line. */
function headingText(line: string): string | undefined {
  // A prefix test and trim(), not one pattern: a lazy group before trailing blanks is quadratic on long lines.
  const prefix = /^ {0,3}###(?!#)/.exec(line);
  return prefix ? line.slice(prefix[0].length).trim() : undefined;
}

/** CommonMark fences, so that a `###` line inside a code block is not taken for a heading. */
function nextFence(line: string, open: { char: string; length: number } | undefined) {
  const marker = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
  if (!marker) return open;
  const [, run, rest] = marker as unknown as [string, string, string];
  if (!open) return run[0] === '`' && rest.includes('`') ? undefined : { char: run[0]!, length: run.length };
  return run[0] === open.char && run.length >= open.length && rest.trim() === '' ? undefined : open;
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
