import { eq, sql } from 'drizzle-orm';
import Database from 'libsql';
import { describe, expect, it } from 'vitest';
import { createTestDatabaseFile } from '../test/helpers/database.ts';
import { migrateDatabase, openDatabase, tables } from './index.ts';

describe('stored text that is not UTF-8', () => {
  it('is rewritten once, when the database is next migrated, so reading it can no longer abort the process', async () => {
    const file = await createTestDatabaseFile();
    try {
      await file.database.write(async (tx) => {
        await tx.insert(tables.modelFamilies).values({ id: 'fam', name: 'Family', updatedAt: '2026-11-01T00:00:00Z' });
        await tx.insert(tables.models).values({ id: 'm', familyId: 'fam', version: '1', name: 'M', status: 'training', languages: [], createdAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z' });
      });
      file.database.close();
      // What the code before the text guard let through: a lone surrogate decoded by SQLite's JSON
      // functions, and a NUL, written by a plain connection as a database from before would hold them.
      const path = file.url.slice('file:'.length);
      const raw = new Database(path);
      raw.prepare("UPDATE models SET name = (SELECT value->>'x' FROM json_each(?)) WHERE id = 'm'").run(JSON.stringify([{ x: 'Broken \ud800 name' }]));
      raw.prepare("UPDATE model_families SET name = ? WHERE id = 'fam'").run('nul\u0000inside');
      raw.prepare("DELETE FROM maintenance_runs").run();
      expect(raw.prepare("SELECT hex(CAST(name AS BLOB)) AS bytes FROM models").get()).toMatchObject({ bytes: expect.stringContaining('EDA080') });
      raw.close();

      const reopened = await openDatabase({ url: file.url });
      const { repairedText } = await migrateDatabase(reopened);
      expect(repairedText).toEqual([
        { table: 'model_families', column: 'name', rowid: expect.any(Number) },
        { table: 'models', column: 'name', rowid: expect.any(Number) },
      ]);
      const [model] = await reopened.db.select({ name: tables.models.name }).from(tables.models).where(eq(tables.models.id, 'm'));
      expect(model!.name).toBe('Broken \ufffd\ufffd\ufffd name');
      const [family] = await reopened.db.select({ name: tables.modelFamilies.name }).from(tables.modelFamilies);
      expect(family!.name).toBe('nul\ufffdinside');
      // Once per database: the next start does not scan again.
      expect((await migrateDatabase(reopened)).repairedText).toBeNull();
      const [run] = await reopened.db.all<{ name: string }>(sql`SELECT name FROM maintenance_runs`);
      expect(run!.name).toBe('repair-malformed-text-v1');
      reopened.close();
    } finally {
      file.cleanup();
    }
  });
});
