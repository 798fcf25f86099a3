import { mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderIssueForms } from '../../bots/github/issue-forms/render-issue-forms.ts';
import { loadConfig } from '../env.ts';
import type { CliContext } from './command.ts';
import { githubFormsCommand } from './github-forms.ts';

let dir: string;
beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'agora-forms-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliContext = {
    config: loadConfig({}),
    args,
    services: () => Promise.reject(new Error('github forms needs no database')),
    out: (line) => void out.push(line),
    err: (line) => void err.push(line),
  };
  return { code: await githubFormsCommand.run(cli), out, err: err.join('\n') };
}

describe('agora github forms', () => {
  it('writes the generated forms, then leaves them alone when nothing changed', async () => {
    expect((await run('--out', dir)).code).toBe(0);
    const expected = renderIssueForms();
    expect((await readdir(dir)).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, text] of Object.entries(expected)) expect(await readFile(join(dir, name), 'utf8')).toBe(text);
    const again = await run('--out', dir);
    expect(again.out.every((line) => line.startsWith('unchanged'))).toBe(true);
  });

  it('checks them: exit 0 when up to date, 1 naming every missing or edited file', async () => {
    await run('--out', dir);
    await writeFile(join(dir, 'other.yml'), 'name: Bug report\n');
    const fresh = await run('--check', '--out', dir);
    expect(fresh.code).toBe(0);
    expect(fresh.out).toContain(`Note: ${join(dir, 'other.yml')} is not generated here; left alone.`);
    await writeFile(join(dir, 'dataset.yml'), 'edited by hand\n');
    await unlink(join(dir, 'config.yml'));
    const stale = await run('--check', '--out', dir);
    expect(stale.code).toBe(1);
    expect(stale.err).toMatch(/Stale issue form files[^\n]*\n {2}dataset\.yml\n {2}config\.yml\n/);
    expect(await readFile(join(dir, 'dataset.yml'), 'utf8')).toBe('edited by hand\n');
  });

  it('links the forms to --public-url, and finds forms made for another URL stale', async () => {
    await run('--out', dir, '--public-url', 'https://agora.example.eu');
    expect(await readFile(join(dir, 'config.yml'), 'utf8')).toContain('https://agora.example.eu/handbook/');
    expect((await run('--check', '--out', dir)).code).toBe(1);
  });

  it('refuses a wrong command line with exit 2', async () => {
    expect(await run('--public-url', 'not a url')).toMatchObject({ code: 2, err: expect.stringContaining('--public-url: expected an absolute URL') });
    expect(await run('extra')).toMatchObject({ code: 2, err: expect.stringContaining('Usage: npm run agora -- github forms') });
  });
});
