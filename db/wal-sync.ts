import { fsyncSync, openSync, closeSync } from 'node:fs';
import { open } from 'node:fs/promises';

/** Flushes a file to stable storage; the default opens it, fsyncs it (in libuv's thread pool) and closes it. */
export type SyncFile = (path: string) => Promise<void>;

/**
 * Durability of the write-ahead log, kept off the event loop.
 *
 * With `synchronous = FULL`, SQLite fsyncs the WAL inside COMMIT, and libSQL's calls are synchronous:
 * the whole process stood still for the disk on every commit (a fifth of a training report's time in
 * `npm run bench`). The hub runs `synchronous = NORMAL` instead, where COMMIT only writes the WAL,
 * and calls `sync()` after each commit; a write is acknowledged only once a sync that began after
 * its commit has finished. fsync flushes a file whatever descriptor wrote it, and the WAL is
 * checksummed frame by frame, so after a power loss the database holds a prefix of the commits that
 * includes every acknowledged one. What is given up: another reader may see a commit up to one sync
 * (about a millisecond) before it is durable; its writer is never told it succeeded before then.
 *
 * Syncs are coalesced: a call while one is running waits for the next one, which serves every
 * commit made meanwhile.
 */
export function createWalSync(walPath: string, syncFile: SyncFile = fsyncFile): { sync(): Promise<void>; syncNow(): void } {
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const start = (): Promise<void> => {
    running = syncFile(walPath).finally(() => (running = null));
    return running;
  };
  return {
    sync() {
      if (!running) return start();
      // The running sync may have begun before this commit: wait for the one after it.
      next ??= running.then(
        () => undefined,
        () => undefined,
      ).then(() => {
        next = null;
        return running ?? start();
      });
      return next;
    },
    /** At close: flush now, synchronously. */
    syncNow() {
      let fd: number;
      try {
        fd = openSync(walPath, 'r+');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    },
  };
}

async function fsyncFile(path: string): Promise<void> {
  let file;
  try {
    file = await open(path, 'r+');
  } catch (error) {
    // No WAL: the last connection checkpointed it into the database (synced) and removed it.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    await file.sync();
  } finally {
    await file.close();
  }
}
