import { join } from 'node:path';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { DatabaseHandle } from './client.ts';
import { REPAIR_NAME, repairMalformedText, type TextRepair } from './repair-text.ts';

export const MIGRATIONS_FOLDER = join(import.meta.dirname, 'migrations');

/**
 * Applies the committed drizzle-kit migrations that have not run yet, then the one-off repairs of
 * stored data that have not run on this database (db/repair-text.ts). Safe to call at every start.
 */
export async function migrateDatabase(handle: DatabaseHandle): Promise<{ repairedText: TextRepair[] | null }> {
  return handle.exclusive(async ({ db, client }) => {
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    const done = await client.execute({ sql: 'SELECT 1 FROM maintenance_runs WHERE name = ?', args: [REPAIR_NAME] });
    if (done.rows.length > 0) return { repairedText: null };
    const repairedText = await repairMalformedText(client);
    await client.execute({
      sql: 'INSERT INTO maintenance_runs (name, ran_at, details) VALUES (?, ?, ?)',
      args: [REPAIR_NAME, new Date().toISOString(), JSON.stringify({ repaired: repairedText })],
    });
    return { repairedText };
  });
}
