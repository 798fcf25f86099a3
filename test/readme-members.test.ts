import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../api/cli.ts';
import { memberEntrySchema, membersFileSchema } from '../api/domain/registry/member.ts';
import { MEMBER_ROLES } from '../api/domain/vocabulary.ts';
import { copyContent } from './helpers/content.ts';
import { createTestDatabaseFile } from './helpers/database.ts';
import { readmeBlock, readmeSection, tableColumn, tokenCreateExamples } from './helpers/readme.ts';

/** The README's "Members" section is the how-to for members.yaml: what it names must be what the schema takes. */
describe('README: Members', () => {
  it('names exactly the fields of a member entry, and the roles the schema allows', () => {
    const section = readmeSection('Members');
    expect(tableColumn(section, 'field')).toEqual(Object.keys(memberEntrySchema.shape));
    expect(tableColumn(section, 'role')).toEqual([...MEMBER_ROLES]);
  });

  it('shows a members.yaml the real schema accepts: a delegate, a secretariat member and a data steward, each linked to GitHub and Discord', () => {
    const parsed = membersFileSchema.safeParse(parse(readmeBlock('members-example')));
    expect(parsed.error?.issues ?? []).toEqual([]);
    const members = parsed.data!.members;
    for (const role of ['delegate', 'secretariat', 'data_steward'] as const)
      expect(members.some((member) => member.roles.includes(role)), role).toBe(true);
    for (const member of members) expect(member, member.id).toMatchObject({ github: expect.any(String), discord: expect.any(String) });
  });

  it('issues the personal token to a member of its own example', () => {
    const ids = parse(readmeBlock('members-example')).members.map((member: { id: string }) => member.id);
    const personal = tokenCreateExamples().filter(({ argv }) => argv.includes('--member'));
    expect(personal.length).toBeGreaterThan(0);
    for (const { argv } of personal) expect(ids).toContain(argv[argv.indexOf('--member') + 1]);
  });

  describe('the example, synced as the section says', () => {
    let db: Awaited<ReturnType<typeof createTestDatabaseFile>>;
    let content: ReturnType<typeof copyContent>;
    beforeAll(async () => {
      db = await createTestDatabaseFile();
      content = copyContent();
    });
    afterAll(() => {
      db.cleanup();
      content.cleanup();
    });

    it('passes `sync --check` and creates its members (their organisations exist)', async () => {
      content.edit('governance/members.yaml', (text) => text.replace(/^members: \[\]\n/m, readmeBlock('members-example')));
      const run = async (...argv: string[]) => {
        const lines: string[] = [];
        const code = await runCli(argv, { DATABASE_URL: db.url, CONTENT_DIR: content.dir }, { out: (line) => lines.push(line), err: (line) => lines.push(line) });
        return { code, text: lines.join('\n') };
      };
      expect(await run('sync', '--check')).toMatchObject({ code: 0 });
      const synced = await run('sync');
      expect(synced.code, synced.text).toBe(0);
      const count = parse(readmeBlock('members-example')).members.length;
      expect(synced.text).toMatch(new RegExp(`members\\s+${count} created`));
    });
  });
});
