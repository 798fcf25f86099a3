/**
 * Id (and so URL) of a handbook page from its path under content/docs, e.g. `handbook/decisions.md`
 * → `handbook/decisions`. Used both by the docs collection's glob loader and by the sidebar
 * listing (list-sidebar-items.ts), so the sidebar's slugs match the pages by construction.
 * Like Astro's default: a `slug` in the front matter wins; `index` names its folder.
 */
export function generateDocId({ entry, data }: { entry: string; data: Record<string, unknown> }): string {
  if (typeof data.slug === 'string' && data.slug) return data.slug;
  return entry
    .replace(/\.(md|mdx)$/, '')
    .split('/')
    .map((segment) => segment.trim().toLowerCase().replace(/\s+/g, '-'))
    .join('/')
    .replace(/\/index$/, '');
}
