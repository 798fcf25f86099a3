import { markdownToMdast, type MdastNode } from 'satteri';

/**
 * The lines of a comment on which a command cannot start because GitHub shows them as code or hides
 * them: every line of a code block (fenced with ``` or ~~~, or indented), the lines an inline code
 * span runs onto, and the lines inside an HTML comment (the bot's own hidden markers).
 *
 * Block quotes need no rule of their own: a quoted line starts with `>`, never with `/`. A line
 * without `>` that GitHub folds into the quote above it (a "lazy" continuation) stays a command,
 * because the rule people are told is "`>` lines", and a command dropped in silence is the worst
 * answer (rfcbot#193). Other raw HTML does not hide commands: `/vote approve` in `<details>` counts.
 *
 * `markdown` must use `\n` line endings; the answer holds 1-based line numbers.
 */
export function findHiddenLines(markdown: string): ReadonlySet<number> {
  // GitHub comments have no front matter; a leading `---` is a rule, not YAML.
  const tree = markdownToMdast(markdown, { features: { frontmatter: false, gfm: { footnotes: false } } });
  const hidden = new Set<number>();
  const hide = (from: number, to: number) => {
    for (let line = from; line <= to; line++) hidden.add(line);
  };
  // A stack, not recursion: 64 KiB of `>` nests a tree 65,000 levels deep.
  const pending: MdastNode[] = [tree];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if ('children' in node) for (const child of node.children as MdastNode[]) pending.push(child);
    const start = node.position?.start.line;
    const end = node.position?.end.line;
    if (start === undefined || end === undefined) continue;
    if (node.type === 'code') hide(start, end);
    // A command line starts with `/`, so a span or comment that opens on it opens after the slash.
    if (node.type === 'inlineCode') hide(start + 1, end);
    if (node.type === 'html') {
      for (const comment of findCommentLines(node.value)) hide(start + comment.from + 1, comment.to === null ? end : start + comment.to);
    }
  }
  return hidden;
}

/**
 * HTML comments inside raw HTML, as line offsets from its first line (`to: null`: never closed).
 * `<!-->` and `<!--->` are whole comments, as in HTML and CommonMark.
 */
function findCommentLines(html: string): { from: number; to: number | null }[] {
  const comments: { from: number; to: number | null }[] = [];
  // Lines are counted as the scan moves forward, so a block of many comments stays linear.
  let counted = 0;
  let lines = 0;
  const lineOf = (offset: number) => {
    for (let index = html.indexOf('\n', counted); index !== -1 && index < offset; index = html.indexOf('\n', index + 1)) lines++;
    counted = offset;
    return lines;
  };
  for (let cursor = html.indexOf('<!--'); cursor !== -1; ) {
    const from = lineOf(cursor);
    const body = cursor + 4;
    const close = html.startsWith('>', body) ? body : html.startsWith('->', body) ? body + 1 : html.indexOf('-->', body);
    if (close === -1) {
      comments.push({ from, to: null });
      break;
    }
    comments.push({ from, to: lineOf(close) });
    cursor = html.indexOf('<!--', close);
  }
  return comments;
}
