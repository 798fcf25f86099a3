import { defineHastPlugin, defineMdastPlugin, markdownToHtml } from 'satteri';

/**
 * Renders the prose of a model card (Markdown from content/models/, reviewed in git but written by
 * many hands) for the card page. Sätteri is the Markdown processor Astro and Starlight build with.
 * The page inserts the result unescaped, so this is where it is made safe:
 * - raw HTML is shown as the text it is, never interpreted (a `<script>` in a card reads as text);
 * - links keep only http(s), mailto and relative targets; others become plain text;
 * - images become links to the image, so a page never loads anything from elsewhere;
 * - headings sit below the page's sections (h3 and deeper) and get ids that do not collide with
 *   the page's own, so they can join its table of contents.
 */

export type ProseHeading = { depth: number; slug: string; text: string };
export type RenderedProse = { html: string; headings: ProseHeading[] };

/** Parents whose children are inline: raw HTML inside them becomes text, elsewhere a paragraph. */
const PHRASING_PARENTS = new Set(['paragraph', 'heading', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'tableCell']);
/** The shallowest heading level of card prose: the page's own sections are h2. */
const TOP_PROSE_DEPTH = 3;

/** Whether a link target is safe to keep: http(s), mailto, or no scheme at all (relative, #anchor). */
export function isSafeHref(href: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href.replace(/[\u0000-\u0020]/g, ''));
  return !scheme || ['http', 'https', 'mailto'].includes(scheme[1]!.toLowerCase());
}

/** "Intended use" → "intended-use"; ASCII only, so ids read the same in every URL. */
function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'section';
}

/**
 * The card's Markdown as safe HTML, with its headings (for the page's table of contents).
 * `reservedIds` are the ids the page uses itself; a prose heading of the same name gets a suffix.
 */
export function renderCardProse(markdown: string, reservedIds: Iterable<string> = []): RenderedProse {
  const taken = new Set(reservedIds);
  const headings: ProseHeading[] = [];
  const uniqueId = (text: string) => {
    const base = slugify(text);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return id;
  };

  const prose = defineMdastPlugin({
    name: 'agora-card-prose',
    html(node, ctx) {
      const text = { type: 'text' as const, value: node.value };
      ctx.replaceNode(node, PHRASING_PARENTS.has(ctx.parent(node)?.type ?? 'root') ? text : { type: 'paragraph', children: [text] });
    },
    heading(node, ctx) {
      const depth = Math.min(6, Math.max(TOP_PROSE_DEPTH, node.depth + 1)) as 3 | 4 | 5 | 6;
      const text = ctx.textContent(node).trim();
      const slug = uniqueId(text);
      headings.push({ depth, slug, text });
      ctx.setProperty(node, 'depth', depth);
      ctx.setProperty(node, 'data', { hProperties: { id: slug } });
    },
    image(node, ctx) {
      ctx.replaceNode(node, { type: 'link', url: node.url, children: [{ type: 'text', value: node.alt || node.url }] });
    },
  });

  // After conversion, whatever produced them: links from references and definitions included.
  const links = defineHastPlugin({
    name: 'agora-card-links',
    element: {
      filter: ['a'],
      visit(node, ctx) {
        const href = node.properties?.href;
        if (typeof href === 'string' && isSafeHref(href)) return;
        ctx.replaceNode(node, node.children.length > 0 ? [...node.children] : [{ type: 'text', value: '' }]);
      },
    },
    raw(node, ctx) {
      ctx.replaceNode(node, { type: 'text', value: node.value });
    },
  });

  const { html } = markdownToHtml(markdown, { mdastPlugins: [prose], hastPlugins: [links], features: { frontmatter: false } });
  return { html, headings };
}
