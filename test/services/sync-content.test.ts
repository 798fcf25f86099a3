import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tables } from '../../db/index.ts';
import type { ContentProblem } from '../../api/services/content/content-problems.ts';
import { syncContent } from '../../api/services/content/sync-content.ts';
import { systemActor, type ServiceContext } from '../../api/services/context.ts';
import { AppError } from '../../api/services/errors.ts';
import { verifyLedger } from '../../api/services/ledger.ts';
import { createTestClock } from '../helpers/clock.ts';
import { copyContent } from '../helpers/content.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { dumpDatabase } from '../helpers/dump.ts';

const actor = systemActor('test');
let services: ServiceContext;
let content: ReturnType<typeof copyContent>;

beforeEach(async () => {
  services = { database: await createTestDatabase(), clock: createTestClock() };
  content = copyContent();
});
afterEach(() => {
  services.database.close();
  content.cleanup();
});

const sync = () => syncContent(services, { actor, input: { contentDir: content.dir } });
const ledgerTypes = async () =>
  (await services.database.db.select().from(tables.ledger).orderBy(asc(tables.ledger.seq))).map((row) => `${row.type} ${row.subject}`);

async function refusedProblems(): Promise<ContentProblem[]> {
  const error = await sync().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('invalid');
  return ((error as AppError).details as { problems: ContentProblem[] }).problems;
}

describe('syncContent', () => {
  it('loads the shipped registry and records every entity in the ledger', async () => {
    const summary = await sync();
    expect(summary.organizations.created).toBe(24);
    expect(summary.languages.created).toBe(37);
    expect(summary.policies.created).toBeGreaterThanOrEqual(1);
    expect(summary.countryClassesChanged).toBe(true);
    const entries = await ledgerTypes();
    expect(entries).toHaveLength(summary.ledgerEntries);
    expect(entries).toContain('organization.created organization:amd-silo-ai');
    expect(entries).toContain('language.created language:mlt');
    expect(await verifyLedger(services)).toMatchObject({ ok: true, checked: entries.length });
  });

  it('is idempotent: a second sync changes nothing and writes no ledger entry', async () => {
    await sync();
    const before = await dumpDatabase(services.database);
    const second = await sync();
    expect(second.ledgerEntries).toBe(0);
    expect(second.organizations).toEqual({ created: 0, updated: 0, archived: 0, unchanged: 24 });
    const after = await dumpDatabase(services.database);
    // Only the content files' sync time may move.
    expect({ ...after, content_files: [] }).toEqual({ ...before, content_files: [] });
  });

  it('records exactly what changed: one update, one removal, fields named', async () => {
    await sync();
    const seen = (await ledgerTypes()).length;
    content.edit('governance/organizations.yaml', (text) => text.replace('role: coordinator', 'role: coordinator and host'));
    content.edit('governance/organizations.yaml', (text) => text.replace(/\n  - id: laion\n(?:    .*\n|      .*\n|        .*\n|\s*\n)*?(?=  - id:|  # )/, '\n'));
    const summary = await sync();
    expect(summary.organizations).toMatchObject({ updated: 1, archived: 1, created: 0 });
    const newEntries = (await ledgerTypes()).slice(seen);
    expect(newEntries).toEqual(['organization.updated organization:charles-university', 'organization.archived organization:laion']);
    const [updated] = await services.database.db.select().from(tables.ledger).where(eq(tables.ledger.seq, seen + 1));
    expect(JSON.parse(updated!.data).fields).toEqual(['role']);
  });

  it.each([
    {
      name: 'bad country code',
      change: (text: string) => text.replace(/(id: amd-silo-ai[\s\S]*?country: )FI/, '$1XX'),
      entry: 'organizations[1] "amd-silo-ai"',
      field: 'country',
      message: /ISO 3166-1 alpha-2.*"XX"/,
    },
    {
      name: 'duplicate id',
      change: (text: string) => text.replace('id: university-of-oslo', 'id: university-of-helsinki'),
      entry: /organizations\[\d+\] "university-of-helsinki"/,
      field: 'id',
      message: /duplicate id "university-of-helsinki"/,
    },
    {
      name: 'unknown category',
      change: (text: string) => text.replace(/(id: lighton[\s\S]*?category: )partner/, '$1sponsor'),
      entry: /organizations\[\d+\] "lighton"/,
      field: 'category',
      message: /expected one of partner, hpc_centre/,
    },
  ])('refuses a $name, names file, entry and field, and changes nothing', async ({ change, entry, field, message }) => {
    await sync();
    const before = await dumpDatabase(services.database);
    content.edit('governance/organizations.yaml', change);
    const problems = await refusedProblems();
    expect(problems).toHaveLength(1);
    const [problem] = problems;
    expect(problem!.file).toBe(`${content.dir}/governance/organizations.yaml`);
    expect(problem!.line).toBeGreaterThan(1);
    expect(problem!.entry).toMatch(entry);
    expect(problem!.field).toBe(field);
    expect(problem!.message).toMatch(message);
    expect(await dumpDatabase(services.database)).toEqual(before);
  });

  it('reports every problem of every file at once', async () => {
    content.edit('governance/organizations.yaml', (text) => text.replace('type: university', 'type: college'));
    content.edit('governance/languages.yaml', (text) => text.replace('variants: [mlt_Latn]', 'variants: [maltese]'));
    content.edit('governance/policies.yaml', (text) => text.replace(/quorum: [\d.]+/, 'quorum: 2'));
    const problems = await refusedProblems();
    expect(problems.map((problem) => `${problem.file.split('/').at(-1)} ${problem.field}`)).toEqual([
      'organizations.yaml type',
      'languages.yaml variants[0]',
      'policies.yaml quorum',
    ]);
    expect(await dumpDatabase(services.database)).toMatchObject({ organizations: [], ledger: [] });
  });

  it('names a missing required field and an unknown one', async () => {
    content.edit('governance/organizations.yaml', (text) => text.replace(/(id: lighton\n    name: .*\n)/, '$1    colour: blue\n').replace(/(id: ellamind[\s\S]*?)    country: DE\n/, '$1'));
    const problems = await refusedProblems();
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entry: expect.stringContaining('"lighton"'), field: 'colour', message: expect.stringMatching(/unknown field/) }),
        expect.objectContaining({ entry: expect.stringContaining('"ellamind"'), field: 'country', message: expect.stringMatching(/^missing/) }),
      ]),
    );
  });

  it('reports YAML syntax errors with their line', async () => {
    content.edit('governance/languages.yaml', (text) => text.replace('languages:', 'languages: [unclosed'));
    const [problem] = await refusedProblems();
    expect(problem!.message).toMatch(/not valid YAML/);
    expect(problem!.line).toBeGreaterThan(0);
  });

  it('refuses a member whose organisation is not in the registry', async () => {
    content.edit('governance/members.yaml', () =>
      'members:\n  - id: test-delegate\n    display_name: Test Delegate\n    organization: no-such-org\n    roles: [delegate]\n',
    );
    const [problem] = await refusedProblems();
    // Line 4 is `organization: no-such-org`: members.yaml problems have their line like every file's.
    expect(problem).toMatchObject({ line: 4, entry: 'members[0] "test-delegate"', field: 'organization' });
  });

  it('syncs members with roles, keeping personal data out of the ledger', async () => {
    content.edit('governance/members.yaml', () =>
      'members:\n  - id: test-delegate\n    display_name: Test Delegate\n    github: TD-GitHub\n    discord: "123456789012345678"\n    organization: charles-university\n    roles: [delegate, secretariat]\n',
    );
    await sync();
    const [member] = await services.database.db.select().from(tables.members);
    expect(member).toMatchObject({ id: 'test-delegate', githubLogin: 'td-github', organizationId: 'charles-university' });
    const roles = await services.database.db.select().from(tables.memberRoles);
    expect(roles.map((role) => role.role).sort()).toEqual(['delegate', 'secretariat']);
    const ledgerText = JSON.stringify(await services.database.db.select().from(tables.ledger));
    expect(ledgerText).toContain('member:test-delegate');
    for (const personal of ['Test Delegate', '123456789012345678', 'TD-GitHub', 'td-github']) expect(ledgerText).not.toContain(personal);
  });
});
