import { AppError } from './errors.ts';

/** Cursors are opaque to clients: base64url of the last key of the previous page. */
export function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | null {
  if (cursor === undefined || cursor === '') return null;
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!key || encodeCursor(key) !== cursor) throw new AppError('invalid', 'The cursor is not one this API gave out.', { cursor });
  return key;
}

export type Page<T> = { items: T[]; next: string | null };

/** Cuts a `limit + 1` result to a page and derives the next cursor from the last item kept. */
export function toPage<T>(rows: T[], limit: number, keyOf: (item: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? encodeCursor(keyOf(items.at(-1)!)) : null };
}

/** Every item of a paginated list, page after page (for snapshots that need the whole list). */
export async function readAllPages<T>(page: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const result = await page(cursor);
    items.push(...result.items);
    cursor = result.next ?? undefined;
  } while (cursor);
  return items;
}
