import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which code is running inside a write. The write queue runs each write's work in this scope, so
 * the database layer can refuse what would break the write rules: a read through the read handle
 * (it cannot see the write's own changes, and on a one-connection database it would wait for the
 * very transaction that waits for it) and a write started from inside another write (it would wait
 * for a batch that cannot begin until this one ends).
 */
const scope = new AsyncLocalStorage<true>();

export function runInWriteScope<T>(work: () => Promise<T>): Promise<T> {
  return scope.run(true, work);
}

export function isInsideWrite(): boolean {
  return scope.getStore() === true;
}

/** A broken write rule: a bug in the calling code, reported loudly rather than worked around. */
export class WriteRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WriteRuleError';
  }
}
