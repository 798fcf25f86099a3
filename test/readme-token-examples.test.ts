import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../api/cli.ts';
import { systemActor, type ServiceContext } from '../api/services/context.ts';
import { authenticateToken } from '../api/services/tokens.ts';
import { createRun } from '../api/services/training-runs.ts';
import { copyContent } from './helpers/content.ts';
import { createTestDatabaseFile } from './helpers/database.ts';
import { tokenCreateExamples } from './helpers/readme.ts';

const examples = tokenCreateExamples();
const optionValues = (option: string) => [...new Set(examples.flatMap(({ argv }) => argv.flatMap((word, index) => (argv[index - 1] === option ? [word] : []))))];

let db: Awaited<ReturnType<typeof createTestDatabaseFile>>;
let content: ReturnType<typeof copyContent>;
let services: ServiceContext;

async function agora(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { DATABASE_URL: db.url, CONTENT_DIR: content.dir }, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

// What the examples name must exist, as it would on a hub where someone follows them: the members
// they issue personal tokens to (in members.yaml, synced) and the runs they grant to reporters.
beforeAll(async () => {
  db = await createTestDatabaseFile();
  content = copyContent();
  services = { database: db.database, clock: () => new Date() };
  // A placeholder (`--member ID`) is not an id a registry could hold: such an example fails, as it would for a reader.
  const members = optionValues('--member').filter((id) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)).map((id) => `  - id: ${id}\n    display_name: ${id}\n    organization: charles-university\n    roles: [delegate]\n`);
  if (members.length) content.edit('governance/members.yaml', (text) => text.replace('members: []\n', `members:\n${members.join('')}`));
  expect((await agora(['sync'])).code).toBe(0);
  for (const id of optionValues('--run'))
    await createRun(services, { actor: systemActor('test'), input: { id, modelId: 'agora-demo-1b-v0-1', hpcSystem: 'LUMI' } });
});
afterAll(() => {
  db.cleanup();
  content.cleanup();
});

describe('README and handbook: every `token create` example runs as written', () => {
  it('finds the examples (a personal token, a reporter token, a reporter token bound to a run)', () => {
    expect(examples.map(({ file }) => file)).toContain('README.md');
    expect(examples.some(({ argv }) => argv.includes('--member'))).toBe(true);
    expect(examples.some(({ argv }) => argv.includes('reporter') && argv.includes('--run'))).toBe(true);
  });

  it.each(examples.map((example) => [`${example.file}: ${example.text}`, example] as const))('%s', async (_, example) => {
    const result = await agora(example.argv);
    expect(result.err).not.toContain('Usage');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^agora_[\w-]{43}$/);
    const actor = await authenticateToken(services, result.out);
    const member = example.argv[example.argv.indexOf('--member') + 1];
    // A personal token acts for its member; any other acts for no one.
    expect(actor.memberId).toBe(example.argv.includes('--member') ? member : null);
  });
});
