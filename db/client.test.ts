import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './client.ts';

describe('closing a database file', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('moves everything from the WAL into the database file, so a stopped hub leaves one self-contained file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'agora-close-'));
    const path = join(dir, 'agora.db');
    const database = await openDatabase({ url: `file:${path}` });
    await database.exclusive(({ client }) => client.execute('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)'));
    await database.write(async (tx) => {
      for (let id = 0; id < 200; id++) await tx.run(`INSERT INTO notes (id, body) VALUES (${id}, '${'x'.repeat(100)}')`);
    });
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    database.close();

    expect(statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0).toBe(0);
    // Read without the WAL: the rows are in the file itself.
    rmSync(`${path}-wal`, { force: true });
    rmSync(`${path}-shm`, { force: true });
    const reader = new Database(path, { readonly: true });
    expect(reader.prepare('SELECT count(*) AS n FROM notes').get()).toMatchObject({ n: 200 });
    reader.close();
  });
});
