import Database from 'libsql';

/**
 * Prepared-statement cache for embedded databases.
 *
 * @libsql/client prepares every statement afresh (`db.prepare(sql)` on each execute), asks a
 * statement that returns no rows to go raw so that it throws (a new Error with its stack each time),
 * and reads its columns twice: under load those three were a large part of a write's time (figures
 * in bench/README.md). drizzle sends the
 * same SQL text for the same query shape, so keeping the prepared statement per connection and SQL
 * text removes all three. libsql re-prepares a statement itself when the schema changes, and a
 * statement is reset on every run, so reuse is safe; the cache of a connection is still emptied on
 * any DDL so that no remembered column list outlives the table it described.
 *
 * It is installed on libsql's `Database.prototype` because @libsql/client constructs its connections
 * itself and offers no hook; remote databases (Hrana over HTTP) never reach this code.
 */
type NativeStatement = {
  reader: boolean;
  raw(toggle?: boolean): unknown;
  safeIntegers(toggle?: boolean): unknown;
  columns(): unknown[];
};
type Prepare = (this: object, sql: string) => NativeStatement;
type CachingPrototype = { prepare: Prepare; [INSTALLED]?: true };

const INSTALLED = Symbol.for('agora.statementCache');
/** Distinct SQL texts kept per connection (queries with `IN (?, ?, …)` lists vary in length). */
export const STATEMENTS_PER_CONNECTION = 512;
const DDL = /^\s*(create|alter|drop)\b/i;
// libsql's own message. One instance, thrown again each time: @libsql/client only catches it to learn
// that the statement returns no rows, and building a fresh Error (with its stack) is what cost.
const NOT_A_READER = new Error('The raw() method is only for statements that return data');

/** Statements served from the cache and prepared anew, since the process started (for tests and diagnosis). */
export const statementCacheStats = { hits: 0, misses: 0 };

export function installStatementCache(): void {
  const prototype = Database.prototype as unknown as CachingPrototype;
  if (prototype[INSTALLED]) return;
  const prepareNative = prototype.prepare;
  const caches = new WeakMap<object, Map<string, NativeStatement>>();

  prototype.prepare = function prepare(sql) {
    if (DDL.test(sql)) {
      caches.delete(this);
      return prepareNative.call(this, sql);
    }
    let cache = caches.get(this);
    if (!cache) caches.set(this, (cache = new Map()));
    const cached = cache.get(sql);
    if (cached) {
      statementCacheStats.hits += 1;
      return cached;
    }
    statementCacheStats.misses += 1;
    const statement = remembering(prepareNative.call(this, sql));
    if (cache.size >= STATEMENTS_PER_CONNECTION) cache.delete(cache.keys().next().value!);
    cache.set(sql, statement);
    return statement;
  };
  prototype[INSTALLED] = true;
}

/** The statement with its reader flag and columns read once; everything else passes through. */
function remembering(statement: NativeStatement): NativeStatement {
  const isReader = statement.reader;
  let columns: unknown[] | null = null;
  const wrapper: NativeStatement = Object.create(statement, {
    raw: {
      value(toggle?: boolean) {
        if (!isReader) throw NOT_A_READER;
        statement.raw(toggle);
        return wrapper;
      },
    },
    safeIntegers: {
      value(toggle?: boolean) {
        statement.safeIntegers(toggle);
        return wrapper;
      },
    },
    columns: { value: () => (columns ??= statement.columns()) },
  });
  return wrapper;
}
