import { asc, desc, gt, lt, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { decodeCursor, encodeCursor, type CursorScope, type KeyValue } from './list-cursor.ts';

export type Page<T> = { items: T[]; next: string | null };

/** The values of a row in the sort columns, in their order: what a cursor carries. */
export type KeyOf<Columns extends readonly SQLiteColumn[]> = { -readonly [I in keyof Columns]: Columns[I]['_']['data'] };

/** One list's way of paging, read from a client's cursor for one filter. */
export type Paging<Key> = {
  /** Rows after the cursor in the list's order (`(a, b) > (?, ?)`); undefined on the first page. */
  after: SQL | undefined;
  /** Cuts a result of `limit + 1` rows to a page; `next` carries the last kept row's key. */
  page<T>(rows: T[], limit: number, keyOf: (row: T) => Key): Page<T>;
};

/**
 * A list paged by keyset: `WHERE (sort columns) > (last key) ORDER BY them LIMIT n + 1`, so a page
 * costs its own rows whatever its depth. The columns end with a unique one (ties on the others go by
 * it) and share one direction, so one row-value comparison says "after". Its cursors name the list,
 * its order and the filter they were given for, and any other cursor is refused (list-cursor.ts).
 */
export function pagedList<const Columns extends readonly SQLiteColumn[]>(spec: { name: string; direction: 'asc' | 'desc'; columns: Columns }) {
  const { name, direction, columns } = spec;
  const order = `${direction}:${columns.map((column) => column.name).join(',')}`;
  const shape = columns.map((column) => (column.dataType === 'number' ? 'number' : 'string'));
  return {
    name,
    /** ORDER BY of the list: the keyset condition assumes exactly this order. */
    orderBy: columns.map((column) => (direction === 'asc' ? asc(column) : desc(column))),
    /** Reads `cursor` for this list under `filter`; `invalid` for a cursor given anywhere else. */
    open(cursor: string | undefined, filter: CursorScope['filter'] = {}): Paging<KeyOf<Columns>> {
      const scope: CursorScope = { list: name, order, filter };
      const key = decodeCursor(scope, cursor, shape);
      return {
        after: key === null ? undefined : keysetAfter(columns, key, direction),
        page(rows, limit, keyOf) {
          const items = rows.slice(0, limit);
          return { items, next: rows.length > limit ? encodeCursor(scope, keyOf(items.at(-1)!) as KeyValue[]) : null };
        },
      };
    },
  };
}

function keysetAfter(columns: readonly SQLiteColumn[], key: KeyValue[], direction: 'asc' | 'desc'): SQL {
  if (columns.length === 1) return (direction === 'asc' ? gt : lt)(columns[0]!, key[0]);
  const values = key.map((value) => sql`${value}`);
  return sql`(${sql.join([...columns], sql`, `)}) ${sql.raw(direction === 'asc' ? '>' : '<')} (${sql.join(values, sql`, `)})`;
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
