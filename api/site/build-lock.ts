import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A build takes seconds; a lock older than this belongs to a process that hung or whose pid was reused. */
const STALE_AFTER_MS = 15 * 60_000;
const POLL_MS = 250;

/**
 * Runs `task` while holding an exclusive lock: a directory, because mkdir is atomic across
 * processes. Astro builds of site/ share site/.astro — including the prerender bundle whenever
 * the output folder is outside site/ — so two builds must not overlap, even from two processes
 * (the hub and a test run). A lock whose owner has died is taken over.
 */
export async function withBuildLock<T>(lockDir: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  for (;;) {
    signal?.throwIfAborted();
    try {
      await mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await isStale(lockDir)) await rm(lockDir, { recursive: true, force: true });
    else await sleep(POLL_MS, undefined, { signal });
  }
  try {
    await writeFile(join(lockDir, 'owner'), String(process.pid));
    return await task();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

async function isStale(lockDir: string): Promise<boolean> {
  const info = await stat(lockDir).catch(() => null);
  if (!info) return false; // released meanwhile: just try again
  if (Date.now() - info.mtimeMs > STALE_AFTER_MS) return true;
  const owner = Number(await readFile(join(lockDir, 'owner'), 'utf8').catch(() => ''));
  if (!owner) return false; // being created right now
  try {
    process.kill(owner, 0); // signal 0 only asks whether the process exists
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
