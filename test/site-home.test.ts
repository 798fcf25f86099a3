import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureSite } from './helpers/fixture-site.ts';

// Issue 15: the home page leads to every part of the hub — every page the sidebar lists is linked
// from the home page's own content, so a newcomer finds it without the menu (which a phone hides).
let home: string;
let other: string;
beforeAll(async () => {
  const { dir } = await fixtureSite();
  home = await readFile(join(dir, 'index.html'), 'utf8');
  // The home page is a splash page, without the sidebar: read the sidebar from another page.
  other = await readFile(join(dir, 'organizations', 'index.html'), 'utf8');
});

const hrefsIn = (html: string) => new Set([...html.matchAll(/href="([^"]+)"/g)].map((match) => match[1]!));

describe('the home page', () => {
  it('links every part of the hub the sidebar lists, from its own content', () => {
    const sidebar = /<nav[^>]*aria-label="Main"[^>]*>([\s\S]*?)<\/nav>/.exec(other)?.[1];
    expect(sidebar, 'the sidebar').toBeTruthy();
    const content = /<main[^>]*>([\s\S]*?)<\/main>/.exec(home)?.[1] ?? '';
    const parts = [...hrefsIn(sidebar!)].filter((href) => href.startsWith('/') && href !== '/');
    expect(parts.length).toBeGreaterThan(10);
    const linked = hrefsIn(content);
    expect(parts.filter((href) => !linked.has(href))).toEqual([]);
  });
});
