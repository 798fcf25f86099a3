import { closeSync, fdatasync, fdatasyncSync, open, openSync } from 'node:fs';
import { promisify } from 'node:util';

/** Flushes a file to stable storage, off the event loop (libuv's thread pool). */
export type SyncFile = () => Promise<void>;

export type WalSync = {
  /** Resolves once everything committed before the call is on disk. */
  sync(): Promise<void>;
  /** At close: flush now, synchronously, and let the file go. */
  close(): void;
};

/**
 * Durability of the write-ahead log, kept off the event loop.
 *
 * With `synchronous = FULL`, SQLite syncs the WAL inside COMMIT, and libSQL's calls are synchronous:
 * the whole process stood still for the disk on every commit (bench/README.md). The hub runs `synchronous = NORMAL` instead, where COMMIT only writes the WAL,
 * and calls `sync()` after each commit; a write is acknowledged only once a sync that began after
 * its commit has finished. A sync flushes a file whatever descriptor wrote it, and the WAL is
 * checksummed frame by frame, so after a power loss the database holds a prefix of the commits that
 * includes every acknowledged one. What is given up: another reader may see a commit up to one sync
 * (under a millisecond) before it is durable; its writer is never told it succeeded before then.
 *
 * Syncs are coalesced: a call while one is running waits for the next one, which serves every
 * commit made meanwhile. `syncFile` replaces the real flush in tests of that order.
 */
export function createWalSync(walPath: string, syncFile?: SyncFile): WalSync {
  const file = keptFile(walPath);
  const flush = syncFile ?? file.sync;
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const start = (): Promise<void> => {
    running = flush().finally(() => (running = null));
    return running;
  };
  return {
    sync() {
      if (!running) return start();
      // The running sync may have begun before this commit: wait for the one after it.
      next ??= running
        .then(
          () => undefined,
          () => undefined,
        )
        .then(() => {
          next = null;
          return running ?? start();
        });
      return next;
    },
    close: file.close,
  };
}

const fdatasyncAsync = promisify(fdatasync);
const openAsync = promisify(open);

/**
 * The WAL, opened once and kept, rather than opened and closed for every sync. The file
 * lives as long as a connection to the database is open, and the handle keeps one (its data-version
 * probe) until it closes, so the descriptor never outlives the file it names. fdatasync is what
 * SQLite itself calls on Linux: it flushes the data and the size, not the times.
 */
function keptFile(path: string): { sync: SyncFile; close(): void } {
  let descriptor: number | null = null;
  let opening: Promise<number | null> | null = null;
  let closed = false;
  const opened = (): Promise<number | null> => {
    if (descriptor !== null) return Promise.resolve(descriptor);
    opening ??= openAsync(path, 'r+').then(
      (fd) => {
        opening = null;
        if (closed) {
          closeSync(fd);
          return null;
        }
        return (descriptor = fd);
      },
      (error: NodeJS.ErrnoException) => {
        opening = null;
        // No WAL yet: nothing has been committed through it.
        if (error.code === 'ENOENT') return null;
        throw error;
      },
    );
    return opening;
  };
  return {
    async sync() {
      const fd = await opened();
      if (fd === null || closed) return;
      // A close meanwhile flushed synchronously and took the descriptor: nothing is left to do.
      await fdatasyncAsync(fd).catch((error: unknown) => {
        if (!closed) throw error;
      });
    },
    close() {
      closed = true;
      // Whatever was written outside the queue (migrations, a token's last use) is flushed too.
      let fd = descriptor;
      descriptor = null;
      if (fd === null) {
        try {
          fd = openSync(path, 'r+');
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
          throw error;
        }
      }
      try {
        fdatasyncSync(fd);
      } finally {
        closeSync(fd);
      }
    },
  };
}
