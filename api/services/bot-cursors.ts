import { eq } from 'drizzle-orm';
import { tables, type Transaction } from '../../db/index.ts';
import type { ServiceContext } from './context.ts';

/** A bot's named cursor (how far a feed consumer or the reconciler got), or null before its first pass. */
export async function readBotCursor(services: ServiceContext, name: string): Promise<string | null> {
  const [row] = await services.database.db.select({ value: tables.botCursors.value }).from(tables.botCursors).where(eq(tables.botCursors.name, name));
  return row?.value ?? null;
}

/**
 * Moves a bot's cursor in the caller's write, so the cursor and the work it covers (queued messages)
 * commit together: a crash resumes exactly where the last commit left off.
 */
export async function moveBotCursorInWrite(tx: Transaction, name: string, value: string, now: string): Promise<void> {
  await tx
    .insert(tables.botCursors)
    .values({ name, value, updatedAt: now })
    .onConflictDoUpdate({ target: tables.botCursors.name, set: { value, updatedAt: now } });
}

/** Moves a bot's cursor in a write of its own. */
export async function moveBotCursor(services: ServiceContext, name: string, value: string, now: string): Promise<void> {
  await services.database.write((tx) => moveBotCursorInWrite(tx, name, value, now));
}
