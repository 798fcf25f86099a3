import { join } from 'node:path';
import type { Logger } from '../logger.ts';
import type { SiteHost } from '../http/site.ts';
import type { ServiceContext } from '../services/context.ts';
import { buildRegistrySnapshot } from '../services/registry-snapshot.ts';
import { buildSite, computeSiteFingerprint, readBuiltFingerprint, type SiteSnapshot } from '../site/build-site.ts';
import { SITE_DIR } from '../site/site-paths.ts';

export const DEFAULT_SITE_OUT_DIR = join(SITE_DIR, 'dist');

/**
 * Keeps the static site in step with the database: builds it when missing or stale (its fingerprint
 * covers site sources, handbook pages and the registry data), in the background, one build at a time,
 * while the server keeps serving the previous build.
 */
export function createSiteManager(options: { services: ServiceContext; logger: Logger; outDir?: string }) {
  const outDir = options.outDir ?? DEFAULT_SITE_OUT_DIR;
  const { logger } = options;
  let state: ReturnType<SiteHost['state']> = 'building';
  let running: Promise<void> | null = null;
  let again = false;
  const abort = new AbortController();

  async function snapshotAndFingerprint() {
    const snapshot = (await buildRegistrySnapshot(options.services)) satisfies SiteSnapshot;
    return { snapshot, fingerprint: await computeSiteFingerprint(snapshot) };
  }

  async function refreshOnce(): Promise<void> {
    const { snapshot, fingerprint } = await snapshotAndFingerprint();
    const built = await readBuiltFingerprint(outDir);
    if (built === fingerprint) {
      // Said once at start; the periodic checks that find nothing to do stay quiet.
      (state === 'ready' ? logger.debug : logger.info)('site is up to date', { outDir });
      state = 'ready';
      return;
    }
    logger.info('site build started', { reason: built ? 'stale' : 'missing', outDir });
    state = built ? 'ready' : 'building';
    try {
      const result = await buildSite({
        snapshot,
        outDir,
        signal: abort.signal,
        log: (line) => logger.debug('site build', { line }),
      });
      state = 'ready';
      logger.info('site build finished', { durationMs: result.durationMs });
    } catch (error) {
      if (abort.signal.aborted) return;
      state = built ? 'ready' : 'failed';
      logger.error('site build failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Builds if needed; concurrent calls coalesce into at most one more build after the current one. */
  function refresh(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await refreshOnce().catch((error: unknown) =>
          logger.error('site refresh failed', { error: error instanceof Error ? error.message : String(error) }),
        );
      } while (again && !abort.signal.aborted);
      running = null;
    })();
    return running;
  }

  const host: SiteHost = { dir: outDir, state: () => state };
  return {
    host,
    refresh,
    /** Stops a build in progress (used on shutdown). */
    stop() {
      abort.abort();
      return running ?? Promise.resolve();
    },
  };
}

export type SiteManager = ReturnType<typeof createSiteManager>;
