import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemActor, type ServiceContext } from '../../api/services/context.ts';
import { getLedgerHead, listEvents, writeWithLedger } from '../../api/services/ledger.ts';
import { migrateDatabase, openDatabase, type DatabaseHandle } from '../../db/index.ts';
import { createTestClock } from '../helpers/clock.ts';

/** The feed serves what is on disk: an entry whose commit is not yet durable is not shown. */
describe('the event feed', () => {
  let dir: string;
  let database: DatabaseHandle;
  afterEach(() => {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('waits for the sync of a committed entry before serving it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'agora-feed-'));
    // The disk answers only when told to: every sync waits for `release`.
    const waiting: (() => void)[] = [];
    const release = () => waiting.splice(0).forEach((done) => done());
    database = await openDatabase({ url: `file:${join(dir, 'agora.db')}`, syncFile: () => new Promise<void>((done) => waiting.push(done)) });
    const migrating = migrateDatabase(database);
    await migrating;
    const ctx: ServiceContext = { database, clock: createTestClock() };

    const written = writeWithLedger(ctx, systemActor('test'), async (_tx, record) => record({ type: 'test.happened', subject: 'test:1', data: {} }));
    // Committed (visible to readers) but its sync has not finished.
    while (!(await getLedgerHead(ctx))) await new Promise((resolve) => setImmediate(resolve));
    let served: Awaited<ReturnType<typeof listEvents>> | null = null;
    const feed = listEvents(ctx, { after: 0, limit: 10 }).then((page) => (served = page));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(served).toBeNull();
    release();
    await written;
    release();
    await feed;
    expect(served!.items.map((entry) => entry.type)).toEqual(['test.happened']);
  });
});
