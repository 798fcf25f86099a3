import type { ServiceContext } from '../../api/services/context.ts';
import { appliedEffect, recordingEffect, type Transaction } from '../../api/services/github/effects.ts';

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
