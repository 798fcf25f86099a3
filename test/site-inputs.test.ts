import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, SITE_API_INPUTS, SITE_DIR } from '../api/site/site-paths.ts';

/**
 * The site fingerprint hashes SITE_API_INPUTS, the api/ modules the site imports. A module added
 * to that import graph but not to the list would change the built pages without changing the
 * fingerprint, and the hub would keep serving a stale site.
 */
async function sourcesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(ts|mjs|astro)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !/[/\\](node_modules|dist|\.astro|\.builds)[/\\]/.test(path));
}

/** Relative imports of a file (static `import … from '…'` and `import '…'`). */
async function importsOf(file: string): Promise<string[]> {
  const source = await readFile(file, 'utf8');
  return [...source.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|^\s*import\s+['"](\.[^'"]+)['"]/gm)].map((match) =>
    resolve(dirname(file), match[1] ?? match[2]!),
  );
}

describe('site fingerprint inputs', () => {
  it('cover every api/ module the site imports, directly or through another one', async () => {
    const pending = await sourcesUnder(SITE_DIR);
    const seen = new Set<string>();
    const apiModules = new Set<string>();
    while (pending.length > 0) {
      const file = pending.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const target of await importsOf(file)) {
        const path = relative(REPO_ROOT, target);
        if (path.startsWith('api/')) apiModules.add(path);
        if (!path.startsWith('..')) pending.push(target);
      }
    }
    expect(apiModules.size).toBeGreaterThan(3);
    const uncovered = [...apiModules].filter((path) => !SITE_API_INPUTS.some((input) => path === input || path.startsWith(`${input}/`)));
    expect(uncovered).toEqual([]);
  });
});
