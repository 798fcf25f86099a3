/** A first-come, first-served mutex: SQLite has one writer, so the process queues its own writes. */
export type WriteLock = <T>(work: () => Promise<T>) => Promise<T>;

export function createWriteLock(): WriteLock {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    // The next writer waits for this one whether it succeeds or fails.
    tail = run.catch(() => undefined);
    return run;
  };
}
