import { eq } from 'drizzle-orm';
import { tables, type Transaction } from '../../../db/index.ts';
import type { ServiceContext } from '../context.ts';

export type { Transaction };

/** What applying an effect said, or null when it has not been applied. */
export async function appliedEffect(services: ServiceContext, key: string): Promise<string | null> {
  const [row] = await services.database.db.select({ answer: tables.githubEffects.answer }).from(tables.githubEffects).where(eq(tables.githubEffects.key, key));
  return row?.answer ?? null;
}

/** Whether an effect (or a seen key) is recorded, whatever it said. */
export async function hasEffect(services: ServiceContext, key: string): Promise<boolean> {
  const rows = await services.database.db.select({ key: tables.githubEffects.key }).from(tables.githubEffects).where(eq(tables.githubEffects.key, key));
  return rows.length > 0;
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

/** The effect key that says a comment, as last edited, has been applied. */
export const commentSeenKey = (id: number, updatedAt: string) => `seen:comment:${id}:${updatedAt}`;

/** Records a seen key (a comment applied, as last edited); seen already, it keeps its first answer. */
export async function recordSeen(services: ServiceContext, key: string, answer: string): Promise<void> {
  await services.database.write((tx) => tx.insert(tables.githubEffects).values({ key, answer: answer.slice(0, 500), at: services.clock().toISOString() }).onConflictDoNothing());
}
