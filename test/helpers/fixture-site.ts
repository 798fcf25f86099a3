import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inject } from 'vitest';
import { withBuildLock } from '../../api/site/build-lock.ts';
import { buildSite, computeSiteFingerprint, readBuiltFingerprint, type SiteSnapshot } from '../../api/site/build-site.ts';
import { parseSiteSnapshot } from '../../api/site/site-snapshot.ts';

/** The committed snapshot the page suites build the site from (generate-site-snapshot.ts). */
export const FIXTURE_SNAPSHOT = join(import.meta.dirname, '..', 'fixtures', 'site-snapshot.json');

export async function readFixtureSnapshot(): Promise<SiteSnapshot> {
  return parseSiteSnapshot(await readFile(FIXTURE_SNAPSHOT, 'utf8'), FIXTURE_SNAPSHOT);
}

/**
 * The site built by a real `astro build` from the fixture snapshot, once per test run: the first
 * suite to ask builds it (the others wait on the lock), into the run's cache folder
 * (site-cache-setup.ts) under its fingerprint, so a change of the sources during a run gets a
 * build of its own. Suites only read it; one that needs to change a site copies it first.
 */
export async function fixtureSite(): Promise<{ snapshot: SiteSnapshot; dir: string; fingerprint: string }> {
  const snapshot = await readFixtureSnapshot();
  return { snapshot, ...(await cachedSite(snapshot)) };
}

/**
 * The site built from `snapshot` (e.g. the fixture with a few facts changed), cached under its
 * fingerprint in the run's folder as the fixture's is, so suites asking for the same one share it.
 */
export async function cachedSite(snapshot: SiteSnapshot): Promise<{ dir: string; fingerprint: string }> {
  const root = inject('siteCacheDir');
  if (!root) throw new Error('no site cache folder: run the tests with vitest.config.ts, whose globalSetup makes one');
  const fingerprint = await computeSiteFingerprint(snapshot);
  const dir = join(root, fingerprint);
  await mkdir(root, { recursive: true });
  await withBuildLock(join(root, 'lock'), async () => {
    if ((await readBuiltFingerprint(dir)) !== fingerprint) await buildSite({ snapshot, outDir: dir });
  });
  return { dir, fingerprint };
}
