import { readFileSync } from 'node:fs';
import { EMPTY_SNAPSHOT, parseSiteSnapshot, type SiteSnapshot } from '../../../api/site/site-snapshot.ts';
import { siteEnv } from '../env.ts';

/**
 * The registry data of this build, read once when the pages are prerendered. A broken snapshot
 * fails the build with the offending fields named, rather than publishing half a registry.
 */
function loadSnapshot(path: string | null): SiteSnapshot {
  if (!path) return EMPTY_SNAPSHOT;
  return parseSiteSnapshot(readFileSync(path, 'utf8'), path);
}

export const snapshot: SiteSnapshot = loadSnapshot(siteEnv.snapshotPath);

/** False when the site was built without the hub (no snapshot), so pages can say so. */
export const hasSnapshot = siteEnv.snapshotPath !== null;
