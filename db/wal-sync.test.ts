import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWalSync } from './wal-sync.ts';

/** A file sync whose calls are recorded and finished by the test, in order. */
function controlledSync() {
  const calls: { finish: () => void; fail: (error: Error) => void }[] = [];
  const syncFile = () => new Promise<void>((resolve, reject) => calls.push({ finish: resolve, fail: reject }));
  return { calls, syncFile };
}

const settled = async (promise: Promise<unknown>) => {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

describe('the WAL sync', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'agora-wal-sync-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('makes a commit wait for a sync that began after it, and serves everyone waiting with one', async () => {
    const { calls, syncFile } = controlledSync();
    const wal = createWalSync('/data/agora.db-wal', syncFile);
    const first = wal.sync();
    // These commits came while the first sync was running: it may not hold them.
    const second = wal.sync();
    const third = wal.sync();
    expect(calls).toHaveLength(1);
    calls[0]!.finish();
    expect(await settled(first)).toBe(true);
    expect(await settled(second)).toBe(false);
    expect(calls).toHaveLength(2);
    calls[1]!.finish();
    await Promise.all([second, third]);
    expect(calls).toHaveLength(2);
  });

  it('passes a failed sync on to the commits that waited for it, and syncs again for the next', async () => {
    const { calls, syncFile } = controlledSync();
    const wal = createWalSync('/data/agora.db-wal', syncFile);
    const failing = wal.sync();
    calls[0]!.fail(new Error('EIO'));
    await expect(failing).rejects.toThrow('EIO');
    const later = wal.sync();
    expect(calls).toHaveLength(2);
    calls[1]!.finish();
    await expect(later).resolves.toBeUndefined();
  });

  it('flushes a real file through one kept descriptor, and treats a missing WAL as nothing to flush', async () => {
    const path = join(dir, 'agora.db-wal');
    const missing = createWalSync(path);
    await expect(missing.sync()).resolves.toBeUndefined();
    expect(() => missing.close()).not.toThrow();
    writeFileSync(path, 'frames');
    const wal = createWalSync(path);
    await wal.sync();
    await Promise.all([wal.sync(), wal.sync()]);
    const descriptors = readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === path;
      } catch {
        return false;
      }
    });
    expect(descriptors).toHaveLength(1);
    wal.close();
    // Closing flushed and let go of the file; a sync that comes late finds nothing to do.
    await expect(wal.sync()).resolves.toBeUndefined();
  });
});
