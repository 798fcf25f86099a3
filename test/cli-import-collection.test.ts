import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../api/cli.ts';
import { copyCollection, NEXT_SHAPE_DIR } from './helpers/collection.ts';
import { createTestDatabaseFile } from './helpers/database.ts';
import { dumpDatabase } from './helpers/dump.ts';

let db: Awaited<ReturnType<typeof createTestDatabaseFile>>;
let tree: ReturnType<typeof copyCollection>;

beforeEach(async () => {
  db = await createTestDatabaseFile();
  tree = copyCollection();
});
afterEach(() => {
  db.cleanup();
  tree.cleanup();
});

async function agora(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { DATABASE_URL: db.url }, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('agora import collection', () => {
  it('imports a cycle with progress on stderr and a summary with warnings on stdout, then finds nothing to do', async () => {
    const first = await agora('import', 'collection', tree.dir);
    expect(first.code).toBe(0);
    expect(first.err).toMatch(/^reading: 0\/519 \(0%\)$/m);
    expect(first.err).toMatch(/^reading: 519\/519 \(100%\)$/m);
    expect(first.err.split('\n').length).toBeLessThanOrEqual(5);
    expect(first.out).toMatch(/^baby: imported \(collection created\); 519 files read in [\d.]+ s\.$/m);
    expect(first.out).toMatch(/datasets\s+11 created/);
    expect(first.out).toMatch(/parts\s+156 created/);
    expect(first.out).toContain('Warnings (3):');
    expect(first.out).toContain('dclm-1.0/counts: source.json counts 3,845,395,936,156 tokens');

    const second = await agora('import', 'collection', tree.dir);
    expect(second.code).toBe(0);
    expect(second.out).toContain('baby: already up to date, nothing changed');
    expect(second.out).toContain('ledger entries written: 0');
  });

  it('refuses a broken tree with exit 1, naming the file, and changes nothing; --skip-invalid imports the rest', async () => {
    tree.edit('finemath-0.0.0/counts/finemath-4plus/release.json', (text) => text.slice(0, 20));
    const before = await dumpDatabase(db.database);
    const refused = await agora('import', 'collection', tree.dir);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Nothing was changed');
    expect(refused.err).toContain(`${tree.dir}/finemath-0.0.0/counts/finemath-4plus/release.json: not valid JSON`);
    expect(refused.err).toContain('--skip-invalid');
    expect(await dumpDatabase(db.database)).toEqual(before);

    const skipped = await agora('import', 'collection', tree.dir, '--skip-invalid');
    expect(skipped.code).toBe(0);
    expect(skipped.out).toMatch(/datasets\s+10 created/);
    expect(skipped.out).toContain('Skipped (1 dataset, --skip-invalid):');
    expect(skipped.out).toContain(`${tree.dir}/finemath-0.0.0/counts/finemath-4plus/release.json`);
  });

  it('a cycle in the newer shape: refused for its two broken datasets, each error under its dataset; nothing else stops it', async () => {
    const refused = await agora('import', 'collection', NEXT_SHAPE_DIR);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Import refused: the collection at');
    expect(refused.err).toContain('Errors in 2 datasets:');
    expect(refused.err).toMatch(/^ {2}broken-counts-1\.0:\n {4}.*broken-counts-1\.0\/counts\/web\/dan_Latn\/release\.json: not valid JSON/m);
    expect(refused.err).toMatch(/^ {2}dangling-1\.0:\n {4}.*dangling-1\.0\/counts\/web\/nor_Latn: datamix\.txt line 18 names/m);
    expect(refused.err).toContain('Run again with --skip-invalid to import the other datasets and leave these out.');
    expect(refused.err).not.toMatch(/"name"|huggingface|metadata\.yaml|etc|languages\.txt/);
  });

  it('a cycle in the newer shape with --skip-invalid: exit 0, and a report of what was skipped, each warning and each note', async () => {
    const result = await agora('import', 'collection', NEXT_SHAPE_DIR, '--skip-invalid');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^flag-synthetic: imported \(collection created\);/m);
    expect(result.out).toMatch(/datasets\s+7 created/);
    expect(result.out).toContain('Skipped (2 datasets, --skip-invalid):');
    expect(result.out).toMatch(/^ {2}dangling-1\.0:\n {4}.*datamix\.txt line 18 names "dangling-1\.0\/megatron-lm\/web\/nor_Latn"/m);
    expect(result.out).toMatch(/^Warnings \(\d+\):$/m);
    expect(result.out).toMatch(/^ {2}culturax-1\.0:\n(?: {4}.*\n)* {4}culturax-1\.0\/metadata\.yaml: neither "huggingface" nor "url"/m);
    expect(result.out).toContain('    fineweb-2-1.1/metadata.yaml:1: field "name" is empty; the dataset is named after its folder, "fineweb-2-1.1"');
    expect(result.out).toContain('    wura-0.1/metadata.yaml:5: field "annotations.pii.owner" holds a NUL character; replaced with U+FFFD');
    expect(result.out).toMatch(/^ {2}\(the cycle\):\n {4}metadata\.yaml: the cycle has none/m);
    expect(result.out).toContain('Notes (5):');
    expect(result.out).toContain('  etc: no metadata.yaml, no counts/ and no datamix.txt line: not a dataset, skipped');
    expect(result.out).toContain('  languages.txt: not read by the hub');
    expect(result.out).not.toContain('\0');

    const again = await agora('import', 'collection', NEXT_SHAPE_DIR, '--skip-invalid');
    expect(again.out).toContain('flag-synthetic: already up to date, nothing changed');
  });

  it('explains its usage when the folder is missing', async () => {
    const result = await agora('import', 'collection');
    expect(result.code).toBe(2);
    expect(result.err).toContain('import collection DIR [--skip-invalid]');
    const nowhere = await agora('import', 'collection', `${tree.dir}/nope`);
    expect(nowhere.code).toBe(1);
    expect(nowhere.err).toMatch(/is not a collection folder/);
  });
});
