import { getTableName } from 'drizzle-orm';
import { tables, type DatabaseHandle } from '../../db/index.ts';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';

/** Every row of every table, to prove that a refused operation changed nothing at all. */
export async function dumpDatabase(database: DatabaseHandle): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const table of Object.values(tables))
    if (table instanceof SQLiteTable) dump[getTableName(table)] = await database.db.select().from(table);
  return dump;
}
