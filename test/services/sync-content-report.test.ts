import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContentProblem } from '../../api/services/content/content-problems.ts';
import { syncContent } from '../../api/services/content/sync-content.ts';
import { systemActor, type ServiceContext } from '../../api/services/context.ts';
import { AppError } from '../../api/services/errors.ts';
import { createTestClock } from '../helpers/clock.ts';
import { copyContent } from '../helpers/content.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { dumpDatabase } from '../helpers/dump.ts';

// One run of `sync` must tell an author everything to fix: every file's schema problems and the
// references between files, each with the line to go to (the issue "Ready for the public").

const CARD = 'models/agora-demo/0.1.md';
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

const sync = () => syncContent(services, { actor: systemActor('test'), input: { contentDir: content.dir } });

async function refusal(): Promise<AppError> {
  const error = await sync().then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('invalid');
  return error as AppError;
}

/** The 1-based line of the first line of `file` that contains `needle`. */
function lineWith(file: string, needle: string): number {
  const index = readFileSync(join(content.dir, file), 'utf8').split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`${needle} is not in ${file}`);
  return index + 1;
}

const brokenMembers = [
  'members:',
  '  - id: lost-delegate',
  '    display_name: Lost Delegate',
  '    organization: no-such-org',
  '    roles: [delegate]',
  '  - id: typo-delegate',
  '    display_name: Typo Delegate',
  '    github: "not a login!"',
  '    organization: charles-university',
  '    roles: [delegate]',
  '',
].join('\n');

function breakEveryFile() {
  content.edit('governance/organizations.yaml', (text) =>
    text.replace(/(id: amd-silo-ai[\s\S]*?country: )FI/, '$1XX').replace(/(id: csc[\s\S]*?category: )hpc_centre/, '$1supercomputer'),
  );
  content.edit('governance/members.yaml', (text) => text.replace('members: []\n', brokenMembers));
  content.edit('governance/languages.yaml', (text) => text.replace('variants: [mlt_Latn]', 'variants: [maltese]'));
  content.edit('governance/countries.yaml', (text) => text.replace('  - AT # Austria', '  - ATX # Austria'));
  content.edit('governance/policies.yaml', (text) => text.replace('quorum: 0.5', 'quorum: 2'));
  content.edit('governance/requests.yaml', (text) => text.replace('access: 30', 'access: thirty'));
  content.edit('datasets/hplt-3.0.yaml', (text) => text.replace('redistributable: unknown', 'redistributable: maybe'));
  content.edit(CARD, (text) =>
    text
      .replace('status: candidate', 'status: shipping')
      .replace('languages: [bul, ces,', 'languages: [bul, xyz,')
      .replace('organizations: [charles-university]', 'organizations: [no-such-org]'),
  );
}

describe('syncContent on a content folder broken in many places', () => {
  it('lists every problem of every file in one report, each with its line, and changes nothing', async () => {
    await sync();
    const before = await dumpDatabase(services.database);
    breakEveryFile();

    const error = await refusal();
    const problems = (error.details as { problems: ContentProblem[] }).problems;
    const at = (file: string, needle: string) => ({ file: join(content.dir, file), line: lineWith(file, needle) });
    expect(problems).toEqual([
      { ...at('governance/organizations.yaml', 'country: XX'), entry: 'organizations[1] "amd-silo-ai"', field: 'country', message: expect.stringMatching(/ISO 3166-1.*"XX"/) },
      { ...at('governance/organizations.yaml', 'category: supercomputer'), entry: expect.stringMatching(/^organizations\[\d+\] "csc"$/), field: 'category', message: expect.stringMatching(/^expected one of partner/) },
      { ...at('governance/members.yaml', 'organization: no-such-org'), entry: 'members[0] "lost-delegate"', field: 'organization', message: expect.stringMatching(/organizations\.yaml, got "no-such-org"/) },
      { ...at('governance/members.yaml', 'github: "not a login!"'), entry: 'members[1] "typo-delegate"', field: 'github', message: 'expected a GitHub login' },
      { ...at('governance/languages.yaml', 'variants: [maltese]'), entry: 'languages[16] "mlt"', field: 'variants[0]', message: expect.stringMatching(/ISO 639-3/) },
      { ...at('governance/countries.yaml', '- ATX'), field: 'eu_member[0]', message: expect.stringMatching(/"ATX"/) },
      { ...at('governance/policies.yaml', 'quorum: 2'), entry: 'policies[0] "release"', field: 'quorum', message: expect.any(String) },
      { ...at('governance/requests.yaml', 'access: thirty'), field: 'deadlines.access', message: 'expected a number of days' },
      { ...at('datasets/hplt-3.0.yaml', 'redistributable: maybe'), field: 'redistributable', message: 'expected true, false (inspection only) or unknown' },
      { ...at(CARD, 'status: shipping'), field: 'status', message: expect.stringMatching(/^expected one of planned/) },
      { ...at(CARD, 'languages: [bul, xyz,'), field: 'languages[1]', message: expect.stringMatching(/languages\.yaml, got "xyz"/) },
      { ...at(CARD, 'organizations: [no-such-org]'), field: 'provider.organizations[0]', message: expect.stringMatching(/organizations\.yaml, got "no-such-org"/) },
    ]);
    expect(error.message).toBe('content is invalid (12 problems in 8 files)');
    expect(await dumpDatabase(services.database)).toEqual(before);
  });

  it('checks references against entries that have problems of their own, without reporting them twice', async () => {
    // csc's entry is wrong, but it exists: a member of csc is not "of an unknown organisation".
    content.edit('governance/organizations.yaml', (text) => text.replace(/(id: csc[\s\S]*?category: )hpc_centre/, '$1supercomputer'));
    content.edit('governance/members.yaml', (text) =>
      text.replace(
        'members: []\n',
        'members:\n  - id: csc-delegate\n    display_name: CSC Delegate\n    organization: csc\n  - id: shouting\n    display_name: Shouting\n    organization: NO-SUCH-ORG\n',
      ),
    );
    const problems = ((await refusal()).details as { problems: ContentProblem[] }).problems;
    expect(problems.map((problem) => `${problem.file.split('/').at(-1)}:${problem.line} ${problem.entry} ${problem.field}`)).toEqual([
      `organizations.yaml:${lineWith('governance/organizations.yaml', 'category: supercomputer')} ${problems[0]!.entry} category`,
      `members.yaml:${lineWith('governance/members.yaml', 'organization: NO-SUCH-ORG')} members[1] "shouting" organization`,
    ]);
    // The id is refused for its spelling; an "unknown organisation" on the same field would be noise.
    expect(problems[1]!.message).toMatch(/lower-case letters/);
  });

  it('does not guess at references into a file that is not valid YAML', async () => {
    content.edit('governance/organizations.yaml', (text) => text.replace('organizations:', 'organizations: [unclosed'));
    content.edit('governance/members.yaml', (text) => text.replace('members: []\n', brokenMembers));
    const problems = ((await refusal()).details as { problems: ContentProblem[] }).problems;
    expect(problems.map((problem) => `${problem.file.split('/').at(-1)} ${problem.field ?? problem.message.split(':')[0]}`)).toEqual([
      // One syntax error, not the hundreds the parser finds in the rest of the file after it.
      'organizations.yaml not valid YAML',
      'members.yaml github',
    ]);
    expect(problems[0]!.line).toBeGreaterThan(0);
    expect(problems[0]!.message).toMatch(/the rest of the file is checked once this is fixed/);
  });

  it('names every way a model card disagrees with its path, each on its line', async () => {
    content.edit(CARD, (text) => text.replace('  id: agora-demo\n', '  id: agora-other\n').replace('version: "0.1"', 'version: "0.2"'));
    const problems = ((await refusal()).details as { problems: ContentProblem[] }).problems;
    expect(problems).toEqual([
      { file: join(content.dir, CARD), line: lineWith(CARD, 'id: agora-other'), field: 'family.id', message: 'expected "agora-demo", the name of the card\'s folder' },
      { file: join(content.dir, CARD), line: lineWith(CARD, 'version: "0.2"'), field: 'version', message: 'expected "0.1", the card\'s file name' },
    ]);
  });
});
