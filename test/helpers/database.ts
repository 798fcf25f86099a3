import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openDatabase, type DatabaseHandle } from '../../db/index.ts';

/** A fresh, migrated in-memory libSQL database: the real thing, nothing mocked. */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const database = await openDatabase({ url: ':memory:' });
  await migrateDatabase(database);
  return database;
}

/** A migrated database in a temporary file, for tests that need a second connection or process. */
export async function createTestDatabaseFile(): Promise<{ database: DatabaseHandle; url: string; cleanup(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'agora-db-'));
  const url = `file:${join(dir, 'agora.db')}`;
  const database = await openDatabase({ url });
  await migrateDatabase(database);
  return {
    database,
    url,
    cleanup() {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
