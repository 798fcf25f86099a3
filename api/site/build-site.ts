import { randomBytes } from 'node:crypto';
import { access, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { withBuildLock } from './build-lock.ts';
import { runAstroBuild } from './run-astro-build.ts';
import { computeSiteFingerprint, writeBuiltFingerprint } from './site-fingerprint.ts';
import { HUB_OWNED_PATHS, SITE_DIR } from './site-paths.ts';
import type { SiteSnapshot } from './site-snapshot.ts';

export type { SiteSnapshot } from './site-snapshot.ts';
export { computeSiteFingerprint, readBuiltFingerprint } from './site-fingerprint.ts';

type BuildSiteOptions = {
  snapshot: SiteSnapshot;
  /** Folder the hub serves; replaced as a whole when the new site is complete. */
  outDir: string;
  /** Receives Astro's output line by line. */
  log?: (line: string) => void;
  /** Aborting kills the Astro process; the served site stays as it was. */
  signal?: AbortSignal;
};

/**
 * Builds the documentation site from `snapshot` into `outDir`, swapping the finished site in so a
 * running server never serves a half-built one. Builds run one at a time (see build-lock.ts);
 * the time spent waiting for another build counts in `durationMs`.
 */
export async function buildSite(options: BuildSiteOptions): Promise<{ fingerprint: string; durationMs: number }> {
  const started = performance.now();
  await mkdir(join(SITE_DIR, '.builds'), { recursive: true });
  return withBuildLock(join(SITE_DIR, '.builds', 'lock'), () => buildNow(options, started), options.signal);
}

async function buildNow({ snapshot, log, signal, ...options }: BuildSiteOptions, started: number) {
  const outDir = resolve(options.outDir);
  await removeLeftovers(outDir);
  // Fingerprint the inputs before building: if they change during the build, the next check
  // sees a mismatch and rebuilds, rather than trusting a site built from older sources.
  const fingerprint = await computeSiteFingerprint(snapshot);

  // The snapshot goes to a private folder under site/.builds (gitignored), never into the output;
  // the new site is built next to outDir so that the swap is a rename on one file system.
  const workDir = await mkdtemp(join(SITE_DIR, '.builds', 'build-'));
  await mkdir(dirname(outDir), { recursive: true });
  const stagingDir = await mkdtemp(join(dirname(outDir), `.${basename(outDir)}.building-`));
  try {
    const snapshotPath = join(workDir, 'snapshot.json');
    await writeFile(snapshotPath, JSON.stringify(snapshot));
    log?.(`building the site into ${outDir}`);
    await runAstroBuild({
      env: { AGORA_SITE_SNAPSHOT: snapshotPath, AGORA_SITE_OUT_DIR: stagingDir },
      log,
      signal,
    });
    await assertNoHubOwnedPaths(stagingDir);
    await writeBuiltFingerprint(stagingDir, { fingerprint, builtAt: new Date().toISOString() });
    signal?.throwIfAborted();
    await swapIn(stagingDir, outDir);
    const durationMs = Math.round(performance.now() - started);
    log?.(`site built in ${durationMs} ms`);
    return { fingerprint, durationMs };
  } finally {
    await rm(workDir, { recursive: true, force: true });
    await rm(stagingDir, { recursive: true, force: true });
  }
}

/**
 * Folders a build killed half-way leaves behind (its snapshot, a staging or an old site). Safe to
 * delete: we hold the build lock, so no other build is using them.
 */
async function removeLeftovers(outDir: string) {
  const buildsDir = join(SITE_DIR, '.builds');
  for (const name of await readdir(buildsDir)) {
    if (name.startsWith('build-')) await rm(join(buildsDir, name), { recursive: true, force: true });
  }
  const parent = dirname(outDir);
  const staging = `.${basename(outDir)}.building-`;
  const old = `${basename(outDir)}.old-`;
  for (const name of await readdir(parent).catch(() => [])) {
    if (name.startsWith(staging) || name.startsWith(old)) await rm(join(parent, name), { recursive: true, force: true });
  }
}

/** The hub routes /api, /webhooks and /discord itself; a page there would be unreachable or worse. */
async function assertNoHubOwnedPaths(siteDir: string) {
  for (const path of HUB_OWNED_PATHS) {
    const exists = await access(join(siteDir, path)).then(() => true, () => false);
    if (exists) throw new Error(`the site emitted /${path}/, a path the hub serves itself; rename that page`);
  }
}

/** Rename the old site away, the new one in, then delete the old: readers see one or the other. */
async function swapIn(stagingDir: string, outDir: string) {
  const oldDir = `${outDir}.old-${randomBytes(4).toString('hex')}`;
  const hadOld = await rename(outDir, oldDir).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  try {
    await rename(stagingDir, outDir);
  } catch (error) {
    if (hadOld) await rename(oldDir, outDir);
    throw error;
  }
  if (hadOld) await rm(oldDir, { recursive: true, force: true });
}
