import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { generateDocId } from './generate-doc-id.ts';

/**
 * Why not Starlight's `autogenerate`: it finds pages by their path under src/content/docs
 * (utils/navigation.ts strips that fixed prefix from each entry's file path), and our handbook
 * lives in the repository's content/docs, so it would find nothing. This lists the folder the
 * same way — `sidebar.order` first, then by id; subfolders become groups; `_` files, drafts and
 * `sidebar.hidden` pages left out — and returns `slug` items, which Starlight resolves to labels,
 * badges, the current page and prev/next links itself. Runs when the config loads, so in
 * `astro dev` a new page appears in the sidebar after a restart.
 */

type SidebarItem = { slug: string } | { label: string; items: SidebarItem[] };
type Ranked = { item: SidebarItem; order: number; key: string };

const PAGE = /^[^_].*\.(md|mdx)$/;

/** Sidebar items for every page under `docsDir/directory`. */
export function listSidebarItems(docsDir: string, directory: string): SidebarItem[] {
  if (!existsSync(join(docsDir, directory))) return [];
  return listRanked(docsDir, directory).map((ranked) => ranked.item);
}

function listRanked(docsDir: string, directory: string): Ranked[] {
  const ranked: Ranked[] = [];
  for (const dirent of readdirSync(join(docsDir, directory), { withFileTypes: true })) {
    const entry = `${directory}/${dirent.name}`;
    if (dirent.isDirectory() && !dirent.name.startsWith('_')) {
      const children = listRanked(docsDir, entry);
      if (children.length === 0) continue;
      const order = Math.min(...children.map((child) => child.order));
      ranked.push({ item: { label: dirent.name, items: children.map((c) => c.item) }, order, key: entry });
    } else if (dirent.isFile() && PAGE.test(dirent.name)) {
      const data = readFrontmatter(join(docsDir, entry), entry);
      const sidebar = (data.sidebar ?? {}) as { order?: unknown; hidden?: unknown };
      if (data.draft === true || sidebar.hidden === true) continue;
      const id = generateDocId({ entry, data });
      const order = typeof sidebar.order === 'number' ? sidebar.order : Number.MAX_VALUE;
      ranked.push({ item: { slug: id }, order, key: id });
    }
  }
  return ranked.sort((a, b) => a.order - b.order || collator.compare(a.key, b.key));
}

const collator = new Intl.Collator('en');

function readFrontmatter(path: string, entry: string): Record<string, unknown> {
  const match = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(readFileSync(path, 'utf8'));
  if (!match) return {};
  try {
    const data: unknown = parseYaml(match[1] ?? '');
    return data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  } catch (error) {
    throw new Error(`content/docs/${entry}: front matter is not valid YAML: ${(error as Error).message}`);
  }
}
