import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/** The previous hash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a ledger entry says, before it is chained. */
export type LedgerEntryBody = {
  seq: number;
  /** ISO 8601 instant. */
  at: string;
  actor: string;
  type: string;
  subject: string;
  data: unknown;
};

export type LedgerEntry = LedgerEntryBody & { prevHash: string; hash: string };

/**
 * sha256(prev_hash + canonical JSON of the rest), hex: DESIGN.md's definition of an entry's hash.
 * The canonical JSON is written out with its keys in sorted order (actor, at, data, seq, subject,
 * type), so that `data`, canonicalised once, also serves as the stored text (`dataText`).
 */
export function hashLedgerEntry(prevHash: string, body: LedgerEntryBody, dataText: string | undefined = canonicalData(body.data)): string {
  const { seq, at, actor, type, subject } = body;
  const text =
    `{"actor":${JSON.stringify(actor)},"at":${JSON.stringify(at)}${dataText === undefined ? '' : `,"data":${dataText}`}` +
    `,"seq":${JSON.stringify(seq)},"subject":${JSON.stringify(subject)},"type":${JSON.stringify(type)}}`;
  return hash('sha256', prevHash + text, 'hex');
}

/** The canonical text of an entry's data; undefined data has none (canonical JSON drops the member). */
function canonicalData(data: unknown): string | undefined {
  return data === undefined ? undefined : canonicalJson(data);
}

/**
 * Chains a new entry after `previous` (or after the genesis hash when the ledger is empty).
 * `dataText`, when the caller already has it, is the canonical JSON of `next.data`.
 */
export function chainLedgerEntry(
  previous: Pick<LedgerEntry, 'seq' | 'hash'> | null,
  next: Omit<LedgerEntryBody, 'seq'>,
  dataText: string | undefined = canonicalData(next.data),
): LedgerEntry {
  const seq = previous ? previous.seq + 1 : 1;
  const prevHash = previous ? previous.hash : GENESIS_HASH;
  const body = { seq, ...next };
  return { ...body, prevHash, hash: hashLedgerEntry(prevHash, body, dataText) };
}

export type ChainProblem = 'seq_gap' | 'prev_hash_mismatch' | 'hash_mismatch';

export type ChainCheck =
  | { ok: true; checked: number; head: { seq: number; hash: string } | null }
  | { ok: false; checked: number; firstBad: { seq: number; problem: ChainProblem; message: string } };

/** Incremental verifier: feed entries in seq order; stops judging at the first bad one. */
export function createChainVerifier(start: Pick<LedgerEntry, 'seq' | 'hash'> | null = null) {
  let previous = start;
  let checked = 0;
  let failure: Extract<ChainCheck, { ok: false }>['firstBad'] | null = null;

  function push(entry: LedgerEntry): boolean {
    if (failure) return false;
    const expectedSeq = previous ? previous.seq + 1 : 1;
    const expectedPrev = previous ? previous.hash : GENESIS_HASH;
    if (entry.seq !== expectedSeq)
      failure = { seq: entry.seq, problem: 'seq_gap', message: `entry #${entry.seq} follows #${expectedSeq - 1}: entries are missing` };
    else if (entry.prevHash !== expectedPrev)
      failure = { seq: entry.seq, problem: 'prev_hash_mismatch', message: `entry #${entry.seq} does not point to the hash of entry #${expectedSeq - 1}` };
    else if (hashLedgerEntry(entry.prevHash, entry) !== entry.hash)
      failure = { seq: entry.seq, problem: 'hash_mismatch', message: `entry #${entry.seq} does not match its hash: it was altered after it was written` };
    if (failure) return false;
    checked += 1;
    previous = entry;
    return true;
  }

  function result(): ChainCheck {
    if (failure) return { ok: false, checked, firstBad: failure };
    return { ok: true, checked, head: previous ? { seq: previous.seq, hash: previous.hash } : null };
  }

  return { push, result };
}

/** Verifies a whole chain held in memory. */
export function verifyChain(entries: Iterable<LedgerEntry>): ChainCheck {
  const verifier = createChainVerifier();
  for (const entry of entries) if (!verifier.push(entry)) break;
  return verifier.result();
}
