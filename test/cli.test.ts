import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../api/cli.ts';
import { openDatabase } from '../db/index.ts';
import { copyContent } from './helpers/content.ts';
import { createTestDatabaseFile } from './helpers/database.ts';
import { dumpDatabase } from './helpers/dump.ts';

let db: Awaited<ReturnType<typeof createTestDatabaseFile>>;
let content: ReturnType<typeof copyContent>;

beforeEach(async () => {
  db = await createTestDatabaseFile();
  content = copyContent();
});
afterEach(() => {
  db.cleanup();
  content.cleanup();
});

/** Runs `agora …` against the temp database and content, capturing both streams. */
async function agora(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { DATABASE_URL: db.url, CONTENT_DIR: content.dir }, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('agora CLI', () => {
  it('syncs, then finds nothing to do the second time', async () => {
    const first = await agora('sync');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/organisations\s+24 created/);
    const second = await agora('sync');
    expect(second.code).toBe(0);
    expect(second.out).toContain('already in sync');
    expect(second.out).toContain('ledger entries written: 0');
  });

  it('exits non-zero on a broken registry, naming file, line, entry and field, and leaves the database as it was', async () => {
    await agora('sync');
    const before = await dumpDatabase(db.database);
    content.edit('governance/organizations.yaml', (text) => text.replace(/(id: csc[\s\S]*?category: )hpc_centre/, '$1supercomputer'));
    const result = await agora('sync');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      new RegExp(`${content.dir}/governance/organizations\\.yaml:\\d+: organizations\\[\\d+\\] "csc" → category: expected one of partner`),
    );
    expect(result.err).toContain('Nothing was changed');
    expect(await dumpDatabase(db.database)).toEqual(before);
  });

  it('lists the problems of every broken file in one run, each as file:line, and --check says the same', async () => {
    content.edit('governance/organizations.yaml', (text) => text.replace(/(id: csc[\s\S]*?category: )hpc_centre/, '$1supercomputer'));
    content.edit('governance/members.yaml', (text) =>
      text.replace('members: []\n', 'members:\n  - id: lost\n    display_name: Lost\n    organization: no-such-org\n'),
    );
    content.edit('governance/requests.yaml', (text) => text.replace('access: 30', 'access: -1'));
    const result = await agora('sync');
    expect(result.code).toBe(1);
    const lines = result.err.split('\n');
    expect(lines[0]).toBe('Sync refused: content is invalid (3 problems in 3 files). Nothing was changed.');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(new RegExp(`^  ${content.dir}/governance/organizations\\.yaml:\\d+: organizations\\[\\d+\\] "csc" → category: expected one of`)),
      `  ${content.dir}/governance/members.yaml:29: members[0] "lost" → organization: expected the id of an organisation in governance/organizations.yaml, got "no-such-org"`,
      `  ${content.dir}/governance/requests.yaml:7: deadlines.access: expected a positive number of days`,
    ]);
    const check = await agora('sync', '--check');
    expect(check.code).toBe(1);
    expect(check.err.split('\n')).toEqual(['Check failed: content is invalid (3 problems in 3 files).', ...lines.slice(1)]);
  });

  it('validates without writing with --check', async () => {
    const result = await agora('sync', '--check');
    expect(result.code).toBe(0);
    expect((await dumpDatabase(db.database)).organizations).toEqual([]);
  });

  it('verifies the ledger and names the entry altered in the database', async () => {
    await agora('sync');
    expect((await agora('ledger', 'verify')).code).toBe(0);
    // Tamper through a second, independent connection, as someone with file access would.
    const other = await openDatabase({ url: db.url });
    await other.exclusive(({ db }) => db.run(sql`update ledger set actor = 'system:someone-else' where seq = 5`));
    other.close();
    const result = await agora('ledger', 'verify');
    expect(result.code).toBe(1);
    expect(result.err).toContain('Ledger broken at entry #5 (hash_mismatch)');
  });

  it('exports the ledger as JSON Lines that recompute to the same chain', async () => {
    await agora('sync');
    const { out } = await agora('ledger', 'export');
    const entries = out.split('\n').map((line) => JSON.parse(line));
    expect(entries[0]).toMatchObject({ seq: 1, prevHash: '0'.repeat(64) });
    const { verifyChain } = await import('../api/domain/ledger/chain.ts');
    expect(verifyChain(entries)).toMatchObject({ ok: true, checked: entries.length });
  });

  it('creates a token whose secret works and is printed once', async () => {
    const created = await agora('token', 'create', '--name', 'ci', '--scope', 'write', '--scope', 'reporter');
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/^agora_[\w-]{43}$/);
    const listed = await agora('token', 'list');
    expect(listed.out).toMatch(/tok_\S+\treporter,write\tactive\tci/);
    expect(listed.out).not.toContain(created.out);
  });

  it('answers usage errors with exit code 2', async () => {
    expect((await agora('token', 'create', '--name', 'x', '--scope', 'root')).code).toBe(2);
    expect((await agora('sync', '--bogus')).code).toBe(2);
    expect((await agora('frobnicate')).code).toBe(2);
    expect((await agora('help')).code).toBe(0);
  });
});
