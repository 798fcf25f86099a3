import { hash } from 'node:crypto';
import { canonicalJson } from '../domain/ledger/canonical-json.ts';
import { AppError } from './errors.ts';

/** A value of a sort column, as a cursor carries it. */
export type KeyValue = string | number;

/** Which list a cursor belongs to and which rows it selects: a cursor is good only where it was given. */
export type CursorScope = {
  /** The list's name, e.g. `requests`. */
  list: string;
  /** The list's sort (directions and columns): a cursor of another order would skip or repeat rows. */
  order: string;
  /** The filter of the request that got the cursor; `undefined` members are the same as absent. */
  filter: Record<string, string | number | boolean | undefined>;
};

// Lengths in base64url characters: 48 bits tell filters apart and catch an edited cursor.
const FILTER_TAG_LENGTH = 8;
const SEAL_LENGTH = 8;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * A cursor: base64url of `[list, filterTag, ...key]` and a seal over it. The seal is a checksum, not
 * a secret: it makes an edited, truncated or invented cursor "not one this API gave out" instead of
 * a position somewhere in the list. Forging one gains nothing (a keyset position is only a position:
 * filters and who may see what still apply), so there is no key to manage.
 */
export function encodeCursor(scope: CursorScope, key: readonly KeyValue[]): string {
  const payload = JSON.stringify([scope.list, filterTag(scope), ...key]);
  return `${Buffer.from(payload, 'utf8').toString('base64url')}${seal(payload)}`;
}

/**
 * The key a client's cursor carries for this list and filter; null when there is none (first page).
 * Refuses with `invalid` whatever this list did not give out for this same filter and order.
 */
export function decodeCursor(scope: CursorScope, cursor: string | undefined, shape: readonly ('string' | 'number')[]): KeyValue[] | null {
  if (cursor === undefined || cursor === '') return null;
  const refuse = (reason: 'malformed' | 'other_list' | 'other_filter', message: string, more: Record<string, unknown> = {}): never => {
    throw new AppError('invalid', message, { reason, list: scope.list, ...more });
  };
  const notOurs = () =>
    refuse('malformed', `The cursor is not one the ${scope.list} list gave out: start again without a cursor and pass each page's "next" as it came.`);
  if (cursor.length <= SEAL_LENGTH || !BASE64URL.test(cursor)) return notOurs();
  const payload = Buffer.from(cursor.slice(0, -SEAL_LENGTH), 'base64url').toString('utf8');
  if (seal(payload) !== cursor.slice(-SEAL_LENGTH)) return notOurs();
  let parts: unknown;
  try {
    parts = JSON.parse(payload);
  } catch {
    return notOurs();
  }
  if (!Array.isArray(parts) || typeof parts[0] !== 'string') return notOurs();
  const [list, tag, ...key] = parts as [string, unknown, ...unknown[]];
  if (list !== scope.list)
    return refuse('other_list', `This cursor belongs to the ${list} list, not to the ${scope.list} list.`, { cursorList: list });
  if (tag !== filterTag(scope))
    return refuse(
      'other_filter',
      `This cursor was given for another filter of the ${scope.list} list: pass the same filter on every page, or start again without a cursor.`,
    );
  if (key.length !== shape.length || key.some((value, index) => typeof value !== shape[index])) return notOurs();
  return key as KeyValue[];
}

function filterTag(scope: CursorScope): string {
  return hash('sha256', canonicalJson({ list: scope.list, order: scope.order, filter: scope.filter }), 'base64url').slice(0, FILTER_TAG_LENGTH);
}

function seal(payload: string): string {
  return hash('sha256', `agora cursor\u0000${payload}`, 'base64url').slice(0, SEAL_LENGTH);
}
