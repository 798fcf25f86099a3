import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from './client.ts';

const notes = sqliteTable('notes', { id: text('id').primaryKey(), body: text('body').notNull() });
const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const failureOf = (promise: Promise<unknown>) => promise.then(() => null, (error: Error) => error);

/** The write rules of DESIGN.md, enforced by the database layer on every kind of embedded database. */
describe.each(['file', 'memory'] as const)('the write rules on a %s database', (kind) => {
  let dir: string;
  let database: DatabaseHandle;

  async function open() {
    dir = mkdtempSync(join(tmpdir(), 'agora-write-rules-'));
    database = await openDatabase({ url: kind === 'file' ? `file:${join(dir, 'agora.db')}` : ':memory:' });
    // Through the write queue, so these tests ran unchanged against the code before the rules.
    await database.write((tx) => tx.run(sql`CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT NOT NULL)`));
    return database;
  }
  afterEach(() => {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const stored = async () => (await database.db.select().from(notes).orderBy(notes.id)).map((note) => note.id);

  it('gives a write that ends its own transaction its real error, and commits the rest of its batch', async () => {
    await open();
    await database.write((tx) => tx.insert(notes).values({ id: 'taken', body: 'first' }));
    const outcomes = await Promise.allSettled([
      database.write((tx) => tx.insert(notes).values({ id: 'a', body: 'innocent' })),
      // OR ROLLBACK ends the whole transaction, not just this statement.
      database.write((tx) => tx.run(sql`INSERT OR ROLLBACK INTO notes (id, body) VALUES ('taken', 'again')`)),
      database.write((tx) => tx.insert(notes).values({ id: 'b', body: 'innocent too' })),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const culprit = (outcomes[1] as PromiseRejectedResult).reason as Error;
    expect(`${culprit.message} ${String(culprit.cause)}`).toMatch(/UNIQUE constraint failed: notes\.id/);
    expect(await stored()).toEqual(['a', 'b', 'taken']);
  });

  it('refuses a read through the read handle inside a write, and stores nothing of that write', async () => {
    await open();
    const error = await failureOf(
      database.write(async (tx) => {
        await tx.insert(notes).values({ id: 'half', body: 'would be half a write' });
        await database.db.select().from(notes);
      }),
    );
    // drizzle wraps the driver's error in its own "Failed query" error.
    expect(`${error?.message} ${String(error?.cause)}`).toMatch(/read through the read handle \(database\.db\) inside a write/);
    expect(await stored()).toEqual([]);
  });

  it('refuses a write started from inside another write instead of waiting for ever', async () => {
    await open();
    const error = await failureOf(database.write(async () => database.write((tx) => tx.insert(notes).values({ id: 'nested', body: 'x' }))));
    expect(error?.message).toMatch(/started from inside another write/);
    expect(await stored()).toEqual([]);
  });

  it('fails a write that yields to other work while its transaction is open, and reads go on meanwhile', async () => {
    await open();
    await database.write((tx) => tx.insert(notes).values({ id: 'before', body: 'committed' }));
    let yielding!: () => void;
    const yieldingNow = new Promise<void>((resolve) => (yielding = resolve));
    const slow = failureOf(
      database.write(async (tx) => {
        await tx.insert(notes).values({ id: 'slow', body: 'waits for the network' });
        yielding();
        await later(30); // stands for a call to GitHub or Discord
      }),
    );
    await yieldingNow;
    // A reader during the open write neither fails nor sees the uncommitted row.
    expect(await stored()).toEqual(['before']);
    const innocent = database.write((tx) => tx.insert(notes).values({ id: 'next', body: 'after it' }));
    expect((await slow)?.message).toMatch(/awaited something other than its own statements/);
    await innocent;
    expect(await stored()).toEqual(['before', 'next']);
  });

  it('refuses text that is not well-formed before it reaches the database, on every write', async () => {
    await open();
    const refusals = await Promise.all(
      ['\ud800 lone high surrogate', 'lone low \udc00', 'a NUL \u0000 inside'].map((body, index) =>
        failureOf(database.write((tx) => tx.insert(notes).values({ id: `bad-${index}`, body }))),
      ),
    );
    for (const error of refusals) expect(`${error?.message} ${String(error?.cause)}`).toMatch(/well-formed Unicode without NUL/);
    // Rows passed as a JSON array: JSON.stringify escapes the lone surrogate, and SQLite would decode it back.
    const viaJson = await failureOf(
      database.write((tx) =>
        tx.run(sql`INSERT INTO notes (id, body) SELECT value->>'id', value->>'body' FROM json_each(${JSON.stringify([{ id: 'j', body: 'x\ud800' }])})`),
      ),
    );
    expect(`${viaJson?.message} ${String(viaJson?.cause)}`).toMatch(/well-formed Unicode without NUL/);
    // What is well-formed is stored as written: emoji, right-to-left text, a backslash-u typed as text.
    const fine = ['🇪🇺 emoji', 'עברית ‮ override', 'typed \\ud800 as text', '{"json":"\\\\u0000 escaped backslash"}'];
    await database.write(async (tx) => {
      for (const [index, body] of fine.entries()) await tx.insert(notes).values({ id: `ok-${index}`, body });
    });
    const rows = await database.db.select().from(notes).orderBy(notes.id);
    expect(rows.map((row) => row.body)).toEqual(fine);
  });

  it.runIf(kind === 'file')('keeps the read handle read-only', async () => {
    await open();
    const error = await failureOf(database.db.all(sql`INSERT INTO notes (id, body) VALUES ('sneaky', 'write through a read')`));
    expect(`${error?.message} ${String(error?.cause)}`).toMatch(/readonly|read-only|query_only/i);
    expect(await stored()).toEqual([]);
  });
});
