import { createClient, LibsqlError } from '@libsql/client';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installStatementCache, statementCacheStats, STATEMENTS_PER_CONNECTION } from './statement-cache.ts';

installStatementCache();

describe('the prepared-statement cache', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)');
  });
  afterEach(() => db.close());

  it('hands back the same statement for the same SQL on one connection, and not across connections', () => {
    const other = new Database(':memory:');
    try {
      expect(db.prepare('SELECT 1')).toBe(db.prepare('SELECT 1'));
      expect(other.prepare('SELECT 1')).not.toBe(db.prepare('SELECT 1'));
    } finally {
      other.close();
    }
  });

  it('is the one @libsql/client uses: a repeated query is a hit', async () => {
    const client = createClient({ url: ':memory:' });
    try {
      await client.execute('SELECT 40 + 2 AS answer');
      const before = statementCacheStats.hits;
      const { rows } = await client.execute('SELECT 40 + 2 AS answer');
      expect(rows[0]!.answer).toBe(42);
      expect(statementCacheStats.hits).toBe(before + 1);
    } finally {
      client.close();
    }
  });

  it('keeps statements usable after a failure and after a partly read result', () => {
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    insert.run(['a']);
    expect(() => db.prepare('INSERT INTO t (v) VALUES (?)').run(['a'])).toThrow(/UNIQUE/);
    db.prepare('INSERT INTO t (v) VALUES (?)').run(['b']);
    const select = db.prepare('SELECT v FROM t ORDER BY id').raw(true);
    select.iterate([]).next();
    expect(db.prepare('SELECT v FROM t ORDER BY id').raw(true).all([])).toEqual([['a'], ['b']]);
  });

  it('still refuses raw mode for a statement without rows, as libsql does', () => {
    expect(() => db.prepare('DELETE FROM t').raw(true)).toThrow('The raw() method is only for statements that return data');
    expect(() => db.prepare('DELETE FROM t').raw(true)).toThrow('The raw() method is only for statements that return data');
  });

  it('forgets a connection\'s statements on any schema change, so columns are never stale', () => {
    expect(db.prepare('SELECT * FROM t').columns().map((column) => column.name)).toEqual(['id', 'v']);
    db.prepare('ALTER TABLE t ADD COLUMN w TEXT').run([]);
    expect(db.prepare('SELECT * FROM t').columns().map((column) => column.name)).toEqual(['id', 'v', 'w']);
  });

  it('keeps at most a bounded number of statements per connection, dropping the oldest', () => {
    const first = db.prepare('SELECT 0');
    for (let i = 1; i <= STATEMENTS_PER_CONNECTION; i++) db.prepare(`SELECT ${i}`);
    expect(db.prepare(`SELECT ${STATEMENTS_PER_CONNECTION}`)).toBe(db.prepare(`SELECT ${STATEMENTS_PER_CONNECTION}`));
    expect(db.prepare('SELECT 0')).not.toBe(first);
  });

  it('leaves @libsql/client\'s error mapping as it was', async () => {
    const client = createClient({ url: ':memory:' });
    try {
      await client.execute('CREATE TABLE u (v TEXT UNIQUE)');
      await client.execute({ sql: 'INSERT INTO u VALUES (?)', args: ['x'] });
      const failure = await client.execute({ sql: 'INSERT INTO u VALUES (?)', args: ['x'] }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(LibsqlError);
      expect((failure as LibsqlError).code).toMatch(/^SQLITE_CONSTRAINT/);
      const info = await client.execute({ sql: 'INSERT INTO u VALUES (?)', args: ['y'] });
      expect(info.rowsAffected).toBe(1);
    } finally {
      client.close();
    }
  });
});
