import { join } from 'node:path';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { DatabaseHandle } from './client.ts';

export const MIGRATIONS_FOLDER = join(import.meta.dirname, 'migrations');

/** Applies the committed drizzle-kit migrations that have not run yet. Safe to call at every start. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  await handle.exclusive(({ db }) => migrate(db, { migrationsFolder: MIGRATIONS_FOLDER }));
}
