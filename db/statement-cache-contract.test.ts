import { readFileSync } from 'node:fs';
import { createClient } from '@libsql/client';
import Database from 'libsql';
import { describe, expect, it } from 'vitest';

/**
 * db/statement-cache.ts relies on how @libsql/client drives libsql's statements, which is private
 * to those two packages. Both are pinned to exact versions in package.json; this test fails when an
 * upgrade changes that sequence (or the versions move), so the cache is re-checked before it can
 * silently misbehave.
 */
type Call = string;

function recordCalls(run: () => Promise<unknown>): Promise<Call[]> {
  const prototype = Database.prototype as unknown as { prepare: (this: object, sql: string) => object };
  const prepare = prototype.prepare;
  const calls: Call[] = [];
  prototype.prepare = function recording(sql) {
    calls.push(`prepare(${sql})`);
    const statement = prepare.call(this, sql) as Record<string, unknown>;
    return new Proxy(statement, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        return (...args: unknown[]) => {
          calls.push(`${property}(${args.map((arg) => JSON.stringify(arg)).join(', ')})`);
          return (value as (...rest: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  };
  return run().then(
    () => {
      prototype.prepare = prepare;
      return calls;
    },
    (error: unknown) => {
      prototype.prepare = prepare;
      throw error;
    },
  );
}

describe('what the statement cache relies on', () => {
  it('runs on the exact versions it was checked against', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
    const installed = (name: string) => (JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')) as { version: string }).version;
    expect({ client: manifest.dependencies['@libsql/client'], libsql: manifest.dependencies.libsql }).toEqual({ client: '0.18.0', libsql: '0.5.29' });
    expect({ client: installed('@libsql/client'), libsql: installed('libsql') }).toEqual({ client: '0.18.0', libsql: '0.5.29' });
  });

  it('sees @libsql/client prepare, ask for safe integers, try raw mode, then read columns and rows, or run', async () => {
    const client = createClient({ url: ':memory:', concurrency: 1 });
    try {
      await client.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
      const select = await recordCalls(() => client.execute({ sql: 'SELECT v FROM t WHERE id = ?', args: [1] }));
      expect(select).toEqual(['prepare(SELECT v FROM t WHERE id = ?)', 'safeIntegers(true)', 'raw(true)', 'columns()', 'columns()', 'all([1])']);
      const insert = await recordCalls(() => client.execute({ sql: 'INSERT INTO t (v) VALUES (?)', args: ['a'] }));
      // raw(true) throws for a statement without rows: that is how the client learns it, and the cache answers it so.
      expect(insert).toEqual(['prepare(INSERT INTO t (v) VALUES (?))', 'safeIntegers(true)', 'raw(true)', 'run(["a"])']);
    } finally {
      client.close();
    }
  });

  it('sees libsql refuse raw mode for a statement without rows with the message the cache repeats', () => {
    const db = new Database(':memory:');
    try {
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
      expect(() => db.prepare('DELETE FROM t').raw(true)).toThrow('The raw() method is only for statements that return data');
    } finally {
      db.close();
    }
  });
});
