import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../api/cli.ts';
import { migrateDatabase, openDatabase } from '../../db/index.ts';
import { syncContent } from '../../api/services/content/sync-content.ts';
import { systemActor } from '../../api/services/context.ts';
import { verifyLedger } from '../../api/services/ledger.ts';
import { listOrganizations } from '../../api/services/organizations.ts';
import { CONTENT_DIR } from '../helpers/app.ts';
import { hasSqld, sqldExpected, startSqld } from '../helpers/sqld.ts';

describe.skipIf(!sqldExpected && !hasSqld)('on a libSQL server (sqld)', () => {
  let sqld: Awaited<ReturnType<typeof startSqld>>;
  beforeAll(async () => {
    sqld = await startSqld();
  });
  afterAll(() => sqld?.stop());

  it('migrates, syncs and verifies over HTTP, and a second client sees the same data', async () => {
    const first = await openDatabase({ url: sqld.url });
    expect(first.kind).toBe('remote');
    await migrateDatabase(first);
    await migrateDatabase(first); // applying twice is a no-op
    const summary = await syncContent({ database: first, clock: () => new Date() }, { actor: systemActor('test'), input: { contentDir: CONTENT_DIR } });
    expect(summary.organizations.created).toBe(24);
    first.close();

    const second = await openDatabase({ url: sqld.url });
    const services = { database: second, clock: () => new Date() };
    expect((await listOrganizations(services, { limit: 100 })).items).toHaveLength(24);
    expect(await verifyLedger(services)).toMatchObject({ ok: true, checked: summary.ledgerEntries });
    second.close();
  });

  it('runs the CLI against DATABASE_URL=http://…', async () => {
    const lines: string[] = [];
    const io = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(line) };
    expect(await runCli(['sync'], { DATABASE_URL: sqld.url, CONTENT_DIR }, io)).toBe(0);
    expect(await runCli(['ledger', 'verify'], { DATABASE_URL: sqld.url }, io)).toBe(0);
    expect(lines.join('\n')).toMatch(/Ledger intact: \d+ entries/);
  });
});
