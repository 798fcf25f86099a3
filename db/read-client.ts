import type { Client, InStatement, ResultSet } from '@libsql/client';
import type { WriteLock } from './write-lock.ts';
import { isInsideWrite, WriteRuleError } from './write-scope.ts';

/**
 * The libSQL client behind the read handle (`DatabaseHandle.db`). It refuses to run inside a write:
 * a write reads through its own handle, which sees its own changes. On a file database it talks to
 * a connection of its own that SQLite keeps read-only (`query_only`), so reads never wait for or
 * fail on an open write (WAL lets readers go on beside the writer). An in-memory database has a
 * single connection, so there each read waits its turn on the write lock instead of running into
 * an open transaction.
 */
export function createReadClient(inner: Client, options: { serialiseWith?: WriteLock } = {}): Client {
  const lock = options.serialiseWith;
  const guard = () => {
    if (isInsideWrite())
      throw new WriteRuleError(
        'A read through the read handle (database.db) inside a write: read through the write\'s own handle (tx), which sees the write\'s changes.',
      );
  };
  const execute = lock
    ? (statement: InStatement): Promise<ResultSet> => (guard(), lock(() => inner.execute(statement)))
    : (statement: InStatement): Promise<ResultSet> => (guard(), inner.execute(statement));
  const batch = lock
    ? (statements: InStatement[]): Promise<ResultSet[]> => (guard(), lock(() => inner.batch(statements, 'read')))
    : (statements: InStatement[]): Promise<ResultSet[]> => (guard(), inner.batch(statements, 'read'));
  const refuse = (what: string) => () => {
    throw new WriteRuleError(`${what} is not available on the read handle: writes go through database.write.`);
  };
  const client = {
    execute,
    batch,
    transaction: refuse('A transaction'),
    executeMultiple: refuse('executeMultiple'),
    migrate: refuse('migrate'),
    sync: refuse('sync'),
    close: () => {},
    reconnect: refuse('reconnect'),
    get closed() {
      return inner.closed;
    },
    protocol: inner.protocol,
  };
  // Only what drizzle calls for queries is real; the rest refuses rather than half-works.
  return client as unknown as Client;
}
