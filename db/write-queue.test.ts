import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type Client } from '@libsql/client';
import { openDatabase, type Database, type DatabaseHandle, type Transaction } from './client.ts';
import { prepared } from './prepared.ts';
import { createWriteLock } from './write-lock.ts';
import { createWriteQueue } from './write-queue.ts';

const notes = sqliteTable('notes', { id: text('id').primaryKey(), body: text('body').notNull() });
const insertNote = prepared((db: Transaction) => db.insert(notes).values({ id: sql.placeholder('id'), body: sql.placeholder('body') }));
const selectNote = prepared((db: Database) => db.select().from(notes).where(eq(notes.id, sql.placeholder('id'))));

describe('the write queue', () => {
  let dir: string;
  let database: DatabaseHandle;
  /** A plain libSQL client on the same file, for queues built by hand and locks held from outside. */
  let raw: Client;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'agora-write-queue-'));
    database = await openDatabase({ url: `file:${join(dir, 'agora.db')}` });
    await database.exclusive(({ client }) => client.execute('CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT NOT NULL)'));
    raw = createClient({ url: `file:${join(dir, 'agora.db')}`, concurrency: 1 });
  });
  afterEach(() => {
    raw.close();
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const stored = async () => (await database.db.select().from(notes).orderBy(notes.id)).map((note) => note.id);

  it('commits writes that arrive together once, and rolls back a failing one alone', async () => {
    const versionBefore = database.dataVersion();
    const failure = new Error('this write fails after inserting');
    const outcomes = await Promise.allSettled([
      database.write((tx) => insertNote(tx).run({ id: 'a', body: 'first' }).then(() => 'a')),
      database.write(async (tx) => {
        await insertNote(tx).run({ id: 'b', body: 'second' });
        throw failure;
      }),
      database.write((tx) => insertNote(tx).run({ id: 'c', body: 'third' }).then(() => 'c')),
    ]);
    expect(outcomes).toEqual([
      { status: 'fulfilled', value: 'a' },
      { status: 'rejected', reason: failure },
      { status: 'fulfilled', value: 'c' },
    ]);
    expect(await stored()).toEqual(['a', 'c']);
    // One commit for the three: this process's commit counter moved by one.
    expect(Number(database.dataVersion()!.split(':')[0]) - Number(versionBefore!.split(':')[0])).toBe(1);
  });

  it('settles a write only once its batch has committed, so another connection already sees it', async () => {
    await database.write((tx) => insertNote(tx).run({ id: 'seen', body: 'committed' }));
    const other = await openDatabase({ url: `file:${join(dir, 'agora.db')}` });
    try {
      expect(await selectNote(other.db).get({ id: 'seen' })).toEqual({ id: 'seen', body: 'committed' });
    } finally {
      other.close();
    }
  });

  it('serves later transactions with a query prepared in an earlier one, inside each transaction', async () => {
    let firstHandle: Transaction | null = null;
    await database.write(async (tx) => {
      firstHandle = tx;
      await insertNote(tx).run({ id: 'x', body: 'written' });
    });
    const seen = await database.write(async (tx) => {
      expect(tx).toBe(firstHandle);
      expect(insertNote(tx)).toBe(insertNote(firstHandle!));
      // Reads its own uncommitted write: the statement ran in this transaction, not beside it.
      await insertNote(tx).run({ id: 'y', body: 'uncommitted' });
      return (await selectNote(tx).all({ id: 'y' })).map((note) => note.body);
    });
    expect(seen).toEqual(['uncommitted']);
    expect(await selectNote(database.db).get({ id: 'x' })).toEqual({ id: 'x', body: 'written' });
  });

  it('refuses a statement sent through a write handle after its write ended', async () => {
    const kept = await database.write(async (tx) => tx);
    const error = await insertNote(kept)
      .run({ id: 'late', body: 'too late' })
      .then(() => null, (failure: Error) => failure);
    // drizzle wraps the driver's error in its own "Failed query" error.
    expect(String(error?.cause)).toMatch(/outside its write transaction/);
    expect(await stored()).toEqual([]);
  });

  it('rejects every write of a batch whose transaction cannot commit, and stores none of them', async () => {
    // Another connection holds the write lock past the busy timeout, so this batch cannot begin.
    const waiting = await openDatabase({ url: `file:${join(dir, 'agora.db')}`, busyTimeoutMs: 50 });
    const hold = await raw.transaction('write');
    try {
      const outcomes = await Promise.allSettled([
        waiting.write((tx) => insertNote(tx).run({ id: 'p', body: 'one' })),
        waiting.write((tx) => insertNote(tx).run({ id: 'q', body: 'two' })),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    } finally {
      hold.close();
    }
    // The queue goes on working once the lock is free.
    await waiting.write((tx) => insertNote(tx).run({ id: 'r', body: 'three' }));
    waiting.close();
    expect(await stored()).toEqual(['r']);
  });

  it('acknowledges a write only once the data is durable, and gathers the next batch meanwhile', async () => {
    const syncs: (() => void)[] = [];
    const write = createWriteQueue(raw, createWriteLock(), { makeDurable: () => new Promise<void>((resolve) => syncs.push(resolve)) });
    let acknowledged = false;
    const first = write((tx) => insertNote(tx).run({ id: 'first', body: 'committed, not yet synced' })).then(() => (acknowledged = true));
    while (syncs.length === 0) await new Promise((resolve) => setImmediate(resolve));
    // Committed and visible, but not acknowledged until its sync has finished.
    expect(await stored()).toEqual(['first']);
    expect(acknowledged).toBe(false);
    const later = [write((tx) => insertNote(tx).run({ id: 'second', body: 'waits' })), write((tx) => insertNote(tx).run({ id: 'third', body: 'waits' }))];
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await stored()).toEqual(['first']);
    syncs[0]!();
    await first;
    // The two that arrived during the sync are one batch: one commit, one sync.
    while (syncs.length === 1) await new Promise((resolve) => setImmediate(resolve));
    expect(await stored()).toEqual(['first', 'second', 'third']);
    syncs[1]!();
    await Promise.all(later);
    expect(syncs).toHaveLength(2);
  });

  it('tells the writer when its committed data could not be flushed', async () => {
    const write = createWriteQueue(raw, createWriteLock(), { makeDurable: () => Promise.reject(new Error('EIO')) });
    const error = await write((tx) => insertNote(tx).run({ id: 'unsure', body: 'maybe lost' })).then(() => null, (failure: Error) => failure);
    expect(error?.message).toMatch(/could not be flushed to disk/);
    expect(String(error?.cause)).toMatch(/EIO/);
  });

  it('runs file databases with synchronous = NORMAL, the sync done by the queue', async () => {
    expect((await database.exclusive(({ client }) => client.execute('PRAGMA synchronous'))).rows[0]![0]).toBe(1);
  });
});
