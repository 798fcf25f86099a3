import type { Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import type { DatabaseHandle } from '../../db/index.ts';

/**
 * The same database, with its reads counted: `db` is a drizzle over the real libSQL client whose
 * `execute` tallies each statement and the rows it returned. Services read through
 * `ctx.database.db`, so a context holding this handle shows how much a read asked of the database.
 * (Rows SQLite visits without returning them are not seen: this counts what crosses into the hub.)
 */
export async function countingReads(database: DatabaseHandle) {
  const counts = { statements: 0, rows: 0 };
  // The write connection itself, borrowed for reads only: the tests using this write nothing meanwhile.
  const connection = await database.exclusive(async ({ client }) => client);
  const client = new Proxy(connection, {
    get(target, property, receiver) {
      if (property !== 'execute') return Reflect.get(target, property, receiver);
      return async (...args: Parameters<Client['execute']>) => {
        const result = await target.execute(...args);
        counts.statements += 1;
        counts.rows += result.rows.length;
        return result;
      };
    },
  });
  return {
    database: { ...database, db: drizzle(client) as DatabaseHandle['db'] } satisfies DatabaseHandle,
    counts,
    /** Counts of what `read` asked. */
    async measure(read: () => Promise<unknown>) {
      counts.statements = 0;
      counts.rows = 0;
      await read();
      return { ...counts };
    },
  };
}
