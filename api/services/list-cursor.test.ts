import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { decodeCursor, encodeCursor, type CursorScope } from './list-cursor.ts';

const requests: CursorScope = { list: 'requests', order: 'desc:filed_at,id', filter: { type: 'dataset', overdue: true } };
const shape = ['string', 'string'] as const;
const key = ['2026-11-25T09:00:00.000Z', 'req_x1Yz2AbC'];

/** The `details.reason` of the refusal, or null when the cursor was accepted. */
function refusal(scope: CursorScope, cursor: string, keyShape: readonly ('string' | 'number')[] = shape): string | null {
  try {
    decodeCursor(scope, cursor, keyShape);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid');
    return ((error as AppError).details as { reason: string }).reason;
  }
}

describe('list cursors', () => {
  it('give back the key they carry, for the list and filter they were given for', () => {
    const cursor = encodeCursor(requests, key);
    expect(decodeCursor(requests, cursor, shape)).toEqual(key);
    expect(decodeCursor({ ...requests, filter: { overdue: true, type: 'dataset', state: undefined } }, cursor, shape)).toEqual(key);
    expect(decodeCursor({ list: 'languages', order: 'asc:priority,code', filter: {} }, encodeCursor({ list: 'languages', order: 'asc:priority,code', filter: {} }, [3, 'mlt']), ['number', 'string'])).toEqual([3, 'mlt']);
  });

  it('mean the first page when absent or empty', () => {
    expect(decodeCursor(requests, undefined, shape)).toBeNull();
    expect(decodeCursor(requests, '', shape)).toBeNull();
  });

  it('are short and URL-safe', () => {
    const cursor = encodeCursor(requests, key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor.length).toBeLessThanOrEqual(100);
  });

  it('refuse what was edited, cut short, made up or is not base64url', () => {
    const cursor = encodeCursor(requests, key);
    const payload = Buffer.from(cursor.slice(0, -8), 'base64url').toString('utf8');
    const edited = Buffer.from(payload.replace('2026-11-25', '2026-11-24'), 'utf8').toString('base64url') + cursor.slice(-8);
    expect(refusal(requests, edited)).toBe('malformed');
    expect(refusal(requests, cursor.slice(0, -1))).toBe('malformed');
    expect(refusal(requests, cursor.slice(1))).toBe('malformed');
    expect(refusal(requests, 'abc')).toBe('malformed');
    expect(refusal(requests, '%%%')).toBe('malformed');
    expect(refusal(requests, Buffer.from(`${key[0]}\u0000${key[1]}`).toString('base64url'))).toBe('malformed');
  });

  it('refuse a key of another shape (a list whose sort changed)', () => {
    expect(refusal(requests, encodeCursor(requests, ['req_x1Yz2AbC']))).toBe('malformed');
    expect(refusal(requests, encodeCursor(requests, [1, 'req_x1Yz2AbC']))).toBe('malformed');
  });

  it('refuse the cursor of another list, naming it', () => {
    const proposals = encodeCursor({ list: 'proposals', order: requests.order, filter: requests.filter }, key);
    expect(refusal(requests, proposals)).toBe('other_list');
    expect(() => decodeCursor(requests, proposals, shape)).toThrow('belongs to the proposals list, not to the requests list');
  });

  it('refuse the cursor of another filter or order of the same list', () => {
    const cursor = encodeCursor(requests, key);
    expect(refusal({ ...requests, filter: { type: 'access', overdue: true } }, cursor)).toBe('other_filter');
    expect(refusal({ ...requests, filter: { type: 'dataset' } }, cursor)).toBe('other_filter');
    expect(refusal({ ...requests, filter: { type: 'dataset', overdue: false } }, cursor)).toBe('other_filter');
    expect(refusal({ ...requests, filter: {} }, cursor)).toBe('other_filter');
    expect(refusal({ ...requests, order: 'asc:filed_at,id' }, cursor)).toBe('other_filter');
  });
});
