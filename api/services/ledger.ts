import { and, asc, desc, gt, lte, sql } from 'drizzle-orm';
import { tables, type Database, type Transaction } from '../../db/index.ts';
import { prepared } from '../../db/prepared.ts';
import { canonicalJson } from '../domain/ledger/canonical-json.ts';
import { chainLedgerEntry, createChainVerifier, type ChainCheck, type LedgerEntry } from '../domain/ledger/chain.ts';
import { ledgerActor, type Actor, type ServiceContext } from './context.ts';
import { AppError } from './errors.ts';
import { asInputError } from './input-text.ts';
import { requireActiveToken } from './token-authentication.ts';

/** A state change to record: ids and digests only, never personal data. */
export type LedgerEvent = { type: string; subject: string; data: Record<string, unknown> };

/** Work done inside a write transaction; `record` queues ledger events written before commit. */
export type WriteWork<T> = (tx: Transaction, record: (event: LedgerEvent) => void) => Promise<T>;

/**
 * Runs `work` in a write transaction and appends the events it recorded to the ledger in that same
 * transaction: either the change and its ledger entries are both stored, or neither is. Concurrent
 * writes are group-committed (db/write-queue.ts), each in its own savepoint. A token acting is
 * checked in the same transaction: one revoked or expired anywhere writes nothing.
 */
export async function writeWithLedger<T>(ctx: ServiceContext, actor: Actor, work: WriteWork<T>): Promise<T> {
  return ctx.database
    .write(async (tx) => {
      if (actor.kind === 'token') await requireActiveToken(tx, actor, ctx.clock());
      const events: LedgerEvent[] = [];
      const result = await work(tx, (event) => events.push(event));
      if (ctx.inWrite) await ctx.inWrite(tx, result);
      if (events.length > 0) await appendLedgerEntries(tx, ctx.clock(), events.map((event) => ({ actor: ledgerActor(actor), ...event })));
      return result;
    })
    .catch((error: unknown) => {
      throw asInputError(error);
    });
}

/** Appends events, each with its own actor, after the current head. Call inside a write transaction. */
export async function appendLedgerEntries(tx: Transaction, now: Date, events: (LedgerEvent & { actor: string })[]): Promise<void> {
  let previous: Pick<LedgerEntry, 'seq' | 'hash'> | null = (await selectHead(tx).get()) ?? null;
  const at = now.toISOString();
  const rows = events.map((event) => {
    // Canonicalised once: the same text is hashed and stored.
    const data = canonicalJson(event.data);
    const entry = chainLedgerEntry(previous, { at, ...event }, data);
    previous = entry;
    return { ...entry, data };
  });
  // All entries in one statement that reads them from a JSON array: the same SQL text for any count.
  await tx.run(sql`
    INSERT INTO ledger (seq, at, actor, type, subject, data, prev_hash, hash)
    SELECT value->>'seq', value->>'at', value->>'actor', value->>'type', value->>'subject', value->>'data', value->>'prevHash', value->>'hash'
    FROM json_each(${JSON.stringify(rows)})`);
}

const selectHead = prepared((db: Database) =>
  db.select({ seq: tables.ledger.seq, hash: tables.ledger.hash }).from(tables.ledger).orderBy(desc(tables.ledger.seq)).limit(1),
);

export type LedgerRow = typeof tables.ledger.$inferSelect;

/** A stored row as the chain sees it; unreadable data counts as altered. */
export function toLedgerEntry(row: LedgerRow): LedgerEntry {
  let data: unknown;
  try {
    data = JSON.parse(row.data);
  } catch {
    data = { unparseable: row.data };
  }
  return { ...row, data };
}

/** Recomputes the whole chain from the database, page by page, and names the first bad entry. */
export async function verifyLedger(ctx: ServiceContext): Promise<ChainCheck> {
  const verifier = createChainVerifier();
  let after = 0;
  for (;;) {
    const page = await ctx.database.db
      .select()
      .from(tables.ledger)
      .where(gt(tables.ledger.seq, after))
      .orderBy(asc(tables.ledger.seq))
      .limit(1000);
    for (const row of page) if (!verifier.push(toLedgerEntry(row))) return verifier.result();
    if (page.length < 1000) return verifier.result();
    after = page.at(-1)!.seq;
  }
}

export type LedgerEventView = {
  seq: number;
  at: string;
  actor: string;
  type: string;
  subject: string;
  /** Always an object: services record `data` as one. */
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
};

/**
 * The event feed: entries after `after`, oldest first, with the cursor for the next page. Only
 * durable entries: the head is read first, then the feed waits until everything committed up to it
 * is on disk, so a reader never acts on an entry a power cut could still take back.
 */
export async function listEvents(
  ctx: ServiceContext,
  input: { after: number; limit: number },
): Promise<{ items: LedgerEventView[]; next: string | null }> {
  if (!Number.isSafeInteger(input.after) || input.after < 0)
    throw new AppError('invalid', '"after" must be a non-negative integer (a ledger sequence number).');
  const head = (await getLedgerHead(ctx))?.seq ?? 0;
  if (head <= input.after) return { items: [], next: null };
  await ctx.database.durable();
  const rows = await ctx.database.db
    .select()
    .from(tables.ledger)
    .where(and(gt(tables.ledger.seq, input.after), lte(tables.ledger.seq, head)))
    .orderBy(asc(tables.ledger.seq))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit).map((row) => toLedgerEntry(row) as LedgerEventView);
  const next = rows.length > input.limit ? String(items.at(-1)!.seq) : null;
  return { items, next };
}

/** The latest entry's seq and hash, or null for an empty ledger. */
export async function getLedgerHead(ctx: ServiceContext): Promise<{ seq: number; hash: string } | null> {
  return (await selectHead(ctx.database.db).get()) ?? null;
}
