import { createHash, type Hash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SiteSnapshot } from './site-snapshot.ts';
import { DOCS_DIR, REPO_ROOT, SITE_API_INPUTS, SITE_DIR, SITE_OUTPUT_DIRS, SITE_PACKAGES } from './site-paths.ts';

/** Written into every built site; the hub compares it with a fresh fingerprint to skip rebuilds. */
export const BUILD_INFO_FILE = '.agora-build.json';

/**
 * Digest of everything the built site depends on: site sources (site/ except build output),
 * content/docs, the api/ modules the site imports, the Astro and Starlight versions, and the
 * snapshot without `generatedAt` — a snapshot that only got newer, with the same data, must not
 * cause a rebuild. Object keys are sorted, so the hub's key order does not matter either.
 */
export async function computeSiteFingerprint(
  snapshot: SiteSnapshot,
  paths: { siteDir?: string; docsDir?: string } = {},
): Promise<string> {
  const hash = createHash('sha256');
  await hashTree(hash, 'site', paths.siteDir ?? SITE_DIR, SITE_OUTPUT_DIRS);
  await hashTree(hash, 'docs', paths.docsDir ?? DOCS_DIR);
  for (const input of SITE_API_INPUTS) await hashTree(hash, input, join(REPO_ROOT, input));
  for (const name of SITE_PACKAGES) {
    const manifest = JSON.parse(await readFile(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8'));
    hash.update(`package:${name}@${String(manifest.version)}\0`);
  }
  const { generatedAt: _ignored, ...data } = snapshot;
  hash.update(`snapshot\0${canonicalJson(data)}`);
  return hash.digest('hex');
}

/** Fingerprint recorded in a built site, or null when missing or unreadable (→ rebuild). */
export async function readBuiltFingerprint(outDir: string): Promise<string | null> {
  try {
    const info: unknown = JSON.parse(await readFile(join(outDir, BUILD_INFO_FILE), 'utf8'));
    const fingerprint = (info as { fingerprint?: unknown } | null)?.fingerprint;
    return typeof fingerprint === 'string' ? fingerprint : null;
  } catch {
    return null;
  }
}

export async function writeBuiltFingerprint(outDir: string, info: { fingerprint: string; builtAt: string }): Promise<void> {
  await writeFile(join(outDir, BUILD_INFO_FILE), `${JSON.stringify(info, null, 2)}\n`);
}

/** Feeds every file under `path` (a file or a folder; missing → nothing) into `hash`, in a stable order. */
async function hashTree(hash: Hash, label: string, path: string, skipTopLevel: ReadonlySet<string> = new Set()) {
  const info = await stat(path).catch(() => null);
  if (!info) return;
  if (info.isFile()) return hashFile(hash, label, path);
  for (const relative of await listFiles(path, '', skipTopLevel)) await hashFile(hash, `${label}/${relative}`, join(path, relative));
}

async function hashFile(hash: Hash, label: string, path: string) {
  const content = await readFile(path);
  hash.update(`${label}\0${content.length}\0`);
  hash.update(content);
}

async function listFiles(root: string, prefix: string, skip: ReadonlySet<string>): Promise<string[]> {
  const entries = await readdir(join(root, prefix), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (skip.has(relative)) continue;
    if (entry.isDirectory()) files.push(...(await listFiles(root, relative, new Set())));
    else if (entry.isFile()) files.push(relative);
  }
  return files;
}

/** JSON with object keys sorted at every level, so equal data always hashes the same. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}
