import type { Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import type { Database } from './client.ts';
import type { WriteLock } from './write-lock.ts';
import { createWriteTransactionClient } from './write-transaction-client.ts';

type Outcomes = Map<Job, { ok: true; value: unknown } | { ok: false; error: unknown }>;

type Job = {
  work: (tx: Database) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

export type WriteQueue = <T>(work: (tx: Database) => Promise<T>) => Promise<T>;

export type WriteQueueOptions = {
  /** Called right after each commit (the data is visible from then on). */
  onCommit?: () => void;
  /** Makes committed data durable; writes are acknowledged only once it has finished (db/wal-sync.ts). */
  makeDurable?: () => Promise<void>;
  maxBatch?: number;
};

/**
 * Group commit: writes that arrive while another batch is committing are run together in the next
 * transaction, each inside its own savepoint, so one failing write rolls back alone and the others
 * still commit. A write's promise settles only after its batch has committed (and, with
 * `makeDurable`, reached the disk): one commit and one sync per batch is what lets many concurrent
 * writers through.
 *
 * Every write gets the same drizzle handle, whose statements go to the transaction open at the time
 * (db/write-transaction-client.ts): queries prepared on it once serve every later batch.
 */
export function createWriteQueue(client: Client, lock: WriteLock, options: WriteQueueOptions = {}): WriteQueue {
  const { onCommit = () => {}, makeDurable, maxBatch = 256 } = options;
  const target = createWriteTransactionClient();
  const writer = drizzle({ client: target.client });
  const pending: Job[] = [];
  let draining = false;

  async function runBatch(batch: Job[]): Promise<Outcomes> {
    const outcomes: Outcomes = new Map();
    const transaction = await client.transaction('write');
    try {
      await target.within(transaction, async () => {
        for (const job of batch) {
          await transaction.execute('SAVEPOINT agora_write');
          try {
            outcomes.set(job, { ok: true, value: await job.work(writer) });
            await transaction.execute('RELEASE agora_write');
          } catch (error) {
            outcomes.set(job, { ok: false, error });
            await transaction.execute('ROLLBACK TO agora_write');
            await transaction.execute('RELEASE agora_write');
          }
        }
      });
      await transaction.commit();
    } finally {
      // Rolls back whatever did not commit, and gives the connection back.
      transaction.close();
    }
    return outcomes;
  }

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (pending.length > 0) {
        const batch = pending.splice(0, maxBatch);
        let outcomes: Outcomes;
        try {
          outcomes = await lock(() => runBatch(batch));
        } catch (error) {
          // The transaction itself failed: nothing of this batch is stored.
          for (const job of batch) job.reject(error);
          continue;
        }
        onCommit();
        if (makeDurable) {
          // The disk works in libuv's thread pool while the event loop serves requests, whose
          // writes gather for the next batch: starting it before this sync ends would only make
          // batches smaller, and every commit has its own cost.
          try {
            await makeDurable();
          } catch (error) {
            for (const job of batch) job.reject(notDurable(error));
            continue;
          }
        }
        settle(batch, outcomes);
      }
    } finally {
      draining = false;
    }
  }

  return <T>(work: (tx: Database) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      // Wait one turn of the event loop so the writes of requests that arrived together share a
      // commit (libSQL calls resolve without yielding, so draining now would commit them one by one).
      if (!draining) {
        draining = true;
        setImmediate(() => void drain());
      }
    });
}

function settle(batch: Job[], outcomes: Outcomes): void {
  for (const job of batch) {
    const outcome = outcomes.get(job)!;
    if (outcome.ok) job.resolve(outcome.value);
    else job.reject(outcome.error);
  }
}

function notDurable(cause: unknown): Error {
  return new Error('The write was committed but could not be flushed to disk; it may not survive a crash.', { cause });
}
