import type { Database, Transaction } from './client.ts';
import type { WriteLock } from './write-lock.ts';

type Job = {
  work: (tx: Transaction) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

export type WriteQueue = <T>(work: (tx: Transaction) => Promise<T>) => Promise<T>;

/**
 * Group commit: writes that arrive while another batch is committing are run together in the next
 * transaction, each inside its own savepoint, so one failing write rolls back alone and the others
 * still commit. A write's promise settles only after its batch has committed. SQLite syncs once per
 * commit, so this is what lets many concurrent writers through.
 */
export function createWriteQueue(db: Database, lock: WriteLock, onCommit: () => void = () => {}, maxBatch = 256): WriteQueue {
  const pending: Job[] = [];
  let draining = false;

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (pending.length > 0) {
        const batch = pending.splice(0, maxBatch);
        const outcomes = new Map<Job, { ok: true; value: unknown } | { ok: false; error: unknown }>();
        try {
          await lock(() =>
            db.transaction(
              async (tx) => {
                for (const job of batch) {
                  try {
                    outcomes.set(job, { ok: true, value: await tx.transaction((savepoint) => job.work(savepoint)) });
                  } catch (error) {
                    outcomes.set(job, { ok: false, error });
                  }
                }
              },
              { behavior: 'immediate' },
            ),
          );
          onCommit();
        } catch (error) {
          // The commit itself failed: nothing of this batch is stored.
          for (const job of batch) job.reject(error);
          continue;
        }
        for (const job of batch) {
          const outcome = outcomes.get(job)!;
          if (outcome.ok) job.resolve(outcome.value);
          else job.reject(outcome.error);
        }
      }
    } finally {
      draining = false;
    }
  }

  return <T>(work: (tx: Transaction) => Promise<T>) =>
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
