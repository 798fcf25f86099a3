import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../../api/cli.ts';
import { CONTENT_DIR } from '../helpers/app.ts';
import { BABY_DIR } from '../helpers/collection.ts';
import { createTestDatabaseFile } from '../helpers/database.ts';

const MODEL = 'agora-demo-1b-v0-1';
let db: Awaited<ReturnType<typeof createTestDatabaseFile>>;
let outDir: string;

/** Runs `agora …` against the temp database and the shipped content, capturing both streams. */
async function agora(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const environment = { DATABASE_URL: db.url, CONTENT_DIR, PUBLIC_URL: 'https://agora.example.eu' };
  const code = await runCli(argv, environment, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  db = await createTestDatabaseFile();
  outDir = mkdtempSync(join(tmpdir(), 'agora-export-'));
  expect((await agora('sync')).code).toBe(0);
  expect((await agora('import', 'collection', BABY_DIR)).code).toBe(0);
});
afterAll(() => {
  db.cleanup();
  rmSync(outDir, { recursive: true, force: true });
});

describe('agora export card', () => {
  it('writes the MOT file that `agora openness` classifies like the card', async () => {
    const file = join(outDir, `${MODEL}.mot.yml`);
    const result = await agora('export', 'card', MODEL, '--format', 'mot', '--out', file);
    expect(result).toMatchObject({ code: 0, out: '' });
    expect(result.err).toContain(`${file}: mot of ${MODEL} written`);
    expect(parse(readFileSync(file, 'utf8'))).toMatchObject({ release: { name: 'Agora Demo 1B v0.1 (demo)' } });
    const openness = await agora('openness', file, '--json');
    expect(JSON.parse(openness.out)).toMatchObject({ class: 3, label: 'Class III - Open Model' });
  });

  it('prints to stdout by default, with links on PUBLIC_URL', async () => {
    const result = await agora('export', 'card', MODEL, '--format', 'huggingface-readme');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^---\nlanguage:\n/);
    expect(result.out).toContain(`https://agora.example.eu/api/v1/models/${MODEL}/card/exports/training-summary`);
  });

  it('writes the training summary as JSON', async () => {
    const file = join(outDir, 'summary.json');
    expect((await agora('export', 'card', MODEL, '--format', 'training-summary.json', '--out', file)).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ model: { id: MODEL }, collection: { cycle: 'baby' } });
  });

  it('refuses an unknown format (usage) and a model without a card (failure), writing nothing', async () => {
    const file = join(outDir, 'never.md');
    const unknown = await agora('export', 'card', MODEL, '--format', 'pdf', '--out', file);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('expected one of huggingface-readme, mot, training-summary, training-summary.json, annex-xi-xii');
    const missing = await agora('export', 'card', 'nope', '--format', 'mot', '--out', file);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('No model has the id "nope"');
    expect((await agora('export', 'card', MODEL)).code).toBe(2);
    expect(existsSync(file)).toBe(false);
  });
});
