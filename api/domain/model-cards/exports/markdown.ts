/**
 * Small Markdown writers shared by the card exports. Card text is written by people in a reviewed
 * file, so it is trusted as Markdown in prose; only table cells are escaped, where a `|` or a line
 * break would break the table. Names that come from imported trees (datasets, collections) are
 * data nobody here wrote: `plain` and `link` write them as text, never as HTML or a link of their own.
 */

/** Text shown as written: no HTML (Markdown renderers pass it through) and no link syntax. */
export function plain(text: string): string {
  return text.replace(/[&<>[\]]/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '[': '\\[', ']': '\\]' })[character]!);
}

/** A table cell: pipes escaped, line breaks folded into spaces. */
export function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return String(value).replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** A GitHub-flavoured Markdown table; an empty header title stays empty (a two-column fact table). */
export function table(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return [
    `| ${header.map((title) => (title === '' ? ' ' : cell(title))).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** A bullet list, or `fallback` when there is nothing to list. */
export function bullets(items: readonly string[] | undefined, fallback: string): string {
  if (!items || items.length === 0) return fallback;
  return items.map((item) => `- ${item}`).join('\n');
}

/** A link when there is an http(s) URL, the text alone otherwise; the text is always plain. */
export function link(text: string, url: string | null | undefined): string {
  const label = plain(text);
  if (!url || !/^https?:\/\/[^\s<>]+$/i.test(url)) return label;
  return `[${label}](${url.replaceAll('(', '%28').replaceAll(')', '%29')})`;
}

/** Shows a URL as a link and anything else as written (an acceptable-use policy may be either). */
export function linkIfUrl(value: string): string {
  return /^https?:\/\/\S+$/.test(value) ? `<${value}>` : value;
}

/** An exact whole number with thousands separators: `47,852,340,833`. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 0 });
}

/** A share of 0–1 as a percentage with enough digits to tell small languages apart. */
export function formatShare(share: number): string {
  const percent = share * 100;
  return `${percent >= 1 ? percent.toFixed(2) : percent.toPrecision(2)} %`;
}

/** Joins sections with one blank line, leaving out empty ones. */
export function joinBlocks(blocks: readonly (string | null | undefined | false)[]): string {
  return blocks.filter((block): block is string => typeof block === 'string' && block.trim() !== '').join('\n\n');
}
