import type { Client, Transaction as LibsqlTransaction } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import type { Transaction } from './client.ts';
import type { WriteLock } from './write-lock.ts';
import { isInsideWrite, runInWriteScope, WriteRuleError } from './write-scope.ts';
import { createWriteTransactionClient } from './write-transaction-client.ts';

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

type Job = {
  work: (tx: Transaction) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

/** What a batch came to: each job's outcome, or the jobs to run again after one ended the transaction. */
type BatchResult = { committed: true; outcomes: Map<Job, Outcome> } | { committed: false; culprit: Job; error: unknown; retry: Job[] };

export type WriteQueue = <T>(work: (tx: Transaction) => Promise<T>) => Promise<T>;

export type WriteQueueOptions = {
  /** Called right after each commit (the data is visible from then on). */
  onCommit?: () => void;
  /** Makes committed data durable; writes are acknowledged only once it has finished (db/wal-sync.ts). */
  makeDurable?: () => Promise<void>;
  /**
   * Refuse a write whose work lets the event loop run while its transaction is open. Right for an
   * embedded database, whose statements complete without yielding: a write that yields is awaiting
   * something else (the network, a timer, a file), which the write rules forbid. Off for a libSQL
   * server, whose statements are network round trips.
   */
  refuseYields?: boolean;
  maxBatch?: number;
};

/**
 * Group commit: writes that arrive while another batch is committing are run together in the next
 * transaction, each inside its own savepoint, so one failing write rolls back alone and the others
 * still commit. A write's promise settles only after its batch has committed (and, with
 * `makeDurable`, reached the disk): one commit and one sync per batch is what lets many concurrent
 * writers through.
 *
 * One write's failure is its own. A write that ends the transaction itself (`INSERT OR ROLLBACK`,
 * a ROLLBACK) gets its own error, and the other writes of its batch, whose work was lost with the
 * transaction, run again in a fresh batch: a write's work may therefore run more than once, and
 * depends on nothing but its statements.
 *
 * Every write gets the same drizzle handle, whose statements go to the transaction open at the time
 * (db/write-transaction-client.ts): queries prepared on it once serve every later batch.
 */
export function createWriteQueue(client: Client, lock: WriteLock, options: WriteQueueOptions = {}): WriteQueue {
  const { onCommit = () => {}, makeDurable, refuseYields = false, maxBatch = 256 } = options;
  const target = createWriteTransactionClient();
  const writer = drizzle({ client: target.client }) as unknown as Transaction;
  const pending: Job[] = [];
  let draining = false;

  async function runJobs(transaction: LibsqlTransaction, batch: Job[]): Promise<BatchResult> {
    const outcomes = new Map<Job, Outcome>();
    const yields = refuseYields ? watchForYields() : null;
    try {
      for (const job of batch) {
        await transaction.execute('SAVEPOINT agora_write');
        yields?.reset();
        let outcome: Outcome;
        try {
          outcome = { ok: true, value: await runInWriteScope(() => job.work(writer)) };
        } catch (error) {
          outcome = { ok: false, error };
        }
        if (yields?.happened()) outcome = { ok: false, error: yieldedError() };
        const ended = outcome.ok
          ? await ends(() => transaction.execute('RELEASE agora_write'))
          : await ends(async () => {
              await transaction.execute('ROLLBACK TO agora_write');
              await transaction.execute('RELEASE agora_write');
            });
        if (ended) {
          const error = outcome.ok ? new WriteRuleError('A write ended its own transaction; it is not stored.') : outcome.error;
          return { committed: false, culprit: job, error, retry: batch.filter((other) => other !== job) };
        }
        outcomes.set(job, outcome);
      }
      return { committed: true, outcomes };
    } finally {
      yields?.stop();
    }
  }

  async function runBatch(batch: Job[]): Promise<BatchResult> {
    const transaction = await client.transaction('write');
    try {
      const result = await target.within(transaction, () => runJobs(transaction, batch));
      if (result.committed) await transaction.commit();
      return result;
    } finally {
      // Rolls back whatever did not commit, and gives the connection back.
      transaction.close();
    }
  }

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (pending.length > 0) {
        const batch = pending.splice(0, maxBatch);
        let result: BatchResult;
        try {
          result = await lock(() => runBatch(batch));
        } catch (error) {
          // The transaction itself failed (BEGIN or COMMIT): nothing of this batch is stored.
          for (const job of batch) job.reject(error);
          continue;
        }
        if (!result.committed) {
          result.culprit.reject(result.error);
          pending.unshift(...result.retry);
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
        settle(result.outcomes);
      }
    } finally {
      draining = false;
    }
  }

  return <T>(work: (tx: Transaction) => Promise<T>) => {
    if (isInsideWrite())
      return Promise.reject(new WriteRuleError('A write was started from inside another write: it would wait for a batch that cannot begin. Do it in the same write, or after it.'));
    return new Promise<T>((resolve, reject) => {
      pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      // Wait one turn of the event loop so the writes of requests that arrived together share a
      // commit (libSQL calls resolve without yielding, so draining now would commit them one by one).
      if (!draining) {
        draining = true;
        setImmediate(() => void drain());
      }
    });
  };
}

/** True when `step` fails: the transaction is gone, so the savepoint can be neither released nor rolled back to. */
async function ends(step: () => Promise<unknown>): Promise<boolean> {
  try {
    await step();
    return false;
  } catch {
    return true;
  }
}

/**
 * Notices that the event loop ran while a write's work was in progress: an immediate armed before
 * the work fires only once the work has let other callbacks run.
 */
function watchForYields() {
  let yielded = false;
  let probe: NodeJS.Immediate | null = null;
  const arm = () => {
    yielded = false;
    if (probe) clearImmediate(probe);
    probe = setImmediate(() => (yielded = true));
  };
  return {
    reset: arm,
    happened: () => yielded,
    stop: () => {
      if (probe) clearImmediate(probe);
    },
  };
}

function yieldedError(): WriteRuleError {
  return new WriteRuleError(
    'A write awaited something other than its own statements (network, timer, file, another handle) while its transaction was open; it is not stored. Do that before the write, or after its commit through the outbox.',
  );
}

function settle(outcomes: Map<Job, Outcome>): void {
  for (const [job, outcome] of outcomes) {
    if (outcome.ok) job.resolve(outcome.value);
    else job.reject(outcome.error);
  }
}

function notDurable(cause: unknown): Error {
  return new Error('The write was committed but could not be flushed to disk; it may not survive a crash.', { cause });
}
