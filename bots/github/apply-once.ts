import { eq } from 'drizzle-orm';
import { tables, type Transaction } from '../../db/index.ts';
import type { ServiceContext } from '../../api/services/context.ts';

/** What applying an effect said, or null when it has not been applied. */
export async function appliedEffect(services: ServiceContext, key: string): Promise<string | null> {
  const [row] = await services.database.db.select({ answer: tables.githubEffects.answer }).from(tables.githubEffects).where(eq(tables.githubEffects.key, key));
  return row?.answer ?? null;
}

/**
 * A service context whose writes also record the effect `key`, in the same transaction, with what
 * `answerOf(result)` says about it (and `also`, more of the bot's own rows): the effect and its
 * record commit together or not at all, so a delivery applied again skips what is done.
 */
export function recordingEffect<T>(
  services: ServiceContext,
  key: string,
  answerOf: (result: T) => string,
  also?: (tx: Transaction, result: T) => Promise<void>,
): ServiceContext {
  return {
    ...services,
    async inWrite(tx, result) {
      await tx.insert(tables.githubEffects).values({ key, answer: answerOf(result as T), at: services.clock().toISOString() });
      await also?.(tx, result as T);
    },
  };
}

/**
 * Applies an effect once: the answer it gave before, or runs it with `recordingEffect`. A second
 * run racing the first fails on the key and finds the first's answer.
 */
export async function applyOnce<T>(
  services: ServiceContext,
  key: string,
  run: (recording: ServiceContext) => Promise<T>,
  answerOf: (result: T) => string,
  also?: (tx: Transaction, result: T) => Promise<void>,
): Promise<{ answer: string; again: boolean }> {
  const before = await appliedEffect(services, key);
  if (before !== null) return { answer: before, again: true };
  try {
    const result = await run(recordingEffect(services, key, answerOf, also));
    return { answer: answerOf(result), again: false };
  } catch (error) {
    const raced = await appliedEffect(services, key);
    if (raced !== null) return { answer: raced, again: true };
    throw error;
  }
}
