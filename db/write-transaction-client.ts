import type { Client, InStatement, ResultSet, Transaction as LibsqlTransaction } from '@libsql/client';
import { assertStorableText } from './text-guard.ts';

/**
 * The libSQL client that the write queue's drizzle handle talks to: every statement runs in the
 * write transaction open at that moment. Because the handle is one object for the life of the
 * database, queries prepared on it once (db/prepared.ts) are reused by every later transaction,
 * instead of drizzle building their SQL again for each one.
 *
 * Only the write queue opens a transaction here, and it runs one at a time (db/write-lock.ts), so
 * "the transaction open now" is never ambiguous. A statement sent when none is open is refused:
 * something kept the handle past its write. Every statement's text parameters are checked first
 * (db/text-guard.ts): nothing that is not well-formed text reaches the database.
 */
export type WriteTransactionClient = {
  /** What drizzle is given: it only calls `execute` and `batch` on it. */
  client: Client;
  /** Runs `work` with `transaction` as the target of every statement sent meanwhile. */
  within<T>(transaction: LibsqlTransaction, work: () => Promise<T>): Promise<T>;
};

export function createWriteTransactionClient(): WriteTransactionClient {
  let open: LibsqlTransaction | null = null;
  const current = (): LibsqlTransaction => {
    if (!open) throw new Error('A write statement was sent outside its write transaction (the handle was kept past the write).');
    return open;
  };
  const refuse = (what: string) => () => {
    throw new Error(`${what} is not available inside a write: the write queue owns the transaction.`);
  };
  const client = {
    execute: (statement: InStatement): Promise<ResultSet> => {
      assertStorableText(statement);
      return current().execute(statement);
    },
    batch: (statements: InStatement[]): Promise<ResultSet[]> => {
      for (const statement of statements) assertStorableText(statement);
      return current().batch(statements);
    },
    transaction: refuse('A nested transaction'),
    executeMultiple: refuse('executeMultiple'),
    migrate: refuse('migrate'),
    sync: refuse('sync'),
    close: () => {},
    reconnect: refuse('reconnect'),
    closed: false,
    protocol: 'file',
  };
  return {
    // Only the methods drizzle calls are real; the rest refuse rather than half-work.
    client: client as unknown as Client,
    async within(transaction, work) {
      if (open) throw new Error('A write transaction is already open: writes must go through the write lock.');
      open = transaction;
      try {
        return await work();
      } finally {
        open = null;
      }
    },
  };
}
