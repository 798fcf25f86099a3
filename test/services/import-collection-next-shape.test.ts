/**
 * Acceptance: a cycle in the shape of the collection's next cycle (test/fixtures/collections/
 * flag-synthetic, its README says what each folder exercises) imports with warnings for its
 * descriptive gaps, notes for its helper folders, and an error for each of the two datasets whose
 * figures cannot be right. Expected figures come from a walk of the files written here, not from
 * the importer's code.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../db/index.ts';
import { importCollection, type ImportSummary } from '../../api/services/collections/import-collection.ts';
import { systemActor } from '../../api/services/context.ts';
import { AppError } from '../../api/services/errors.ts';
import { createTestHub, type TestHub } from '../helpers/app.ts';
import { NEXT_SHAPE_DIR } from '../helpers/collection.ts';
import { dumpDatabase } from '../helpers/dump.ts';

const IMPORTED = ['culturax-1.0', 'europarl-2.0', 'fineweb-2-1.1', 'hplt-3.1', 'opus-mt-0.2', 'starcoder2-0.1', 'wura-0.1'];
const FAILING = ['broken-counts-1.0', 'dangling-1.0'];

/** The stage rule, written out again: own <stage>.json, else the sum over subfolders that have one, else null. */
function sourceTokens(folder: string): number | null {
  const own = join(folder, 'source.json');
  if (existsSync(own)) return JSON.parse(readFileSync(own, 'utf8')).tokens;
  const below = readdirSync(folder)
    .filter((name) => statSync(join(folder, name)).isDirectory())
    .map((name) => sourceTokens(join(folder, name)))
    .filter((tokens): tokens is number => tokens !== null);
  return below.length === 0 ? null : below.reduce((total, tokens) => total + tokens, 0);
}

let hub: TestHub;
let summary: ImportSummary;
const run = (skipInvalid: boolean) => importCollection(hub.services, { actor: systemActor('test'), input: { dir: NEXT_SHAPE_DIR, skipInvalid } });

beforeAll(async () => {
  hub = await createTestHub();
  summary = await run(true);
});
afterAll(() => hub.close());

describe('a cycle in the newer shape', () => {
  it('without --skip-invalid is refused for exactly the two datasets whose figures would be wrong, and nothing else', async () => {
    const fresh = await createTestHub();
    try {
      const error = await importCollection(fresh.services, { actor: systemActor('test'), input: { dir: NEXT_SHAPE_DIR } }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      const problems = ((error as AppError).details as { problems: { file: string; line?: number; dataset: string | null; message: string }[] }).problems;
      expect(problems.map((problem) => [problem.dataset, problem.file.slice(NEXT_SHAPE_DIR.length + 1), problem.line ?? null])).toEqual([
        ['broken-counts-1.0', 'broken-counts-1.0/counts/web/dan_Latn/release.json', null],
        ['dangling-1.0', 'dangling-1.0/counts/web/nor_Latn', null],
      ]);
      expect(problems[1]!.message).toMatch(/datamix\.txt line 18 names "dangling-1\.0\/megatron-lm\/web\/nor_Latn" but this counts folder is missing/);
      expect(await dumpDatabase(fresh.database)).toMatchObject({ collections: [], collection_datasets: [], collection_parts: [] });
    } finally {
      fresh.close();
    }
  });

  it('with --skip-invalid imports every other dataset; the cycle is named after its folder', async () => {
    expect(summary.skipped.map((skipped) => skipped.dataset)).toEqual(FAILING);
    const [collection] = await hub.database.db.select().from(tables.collections);
    expect(collection).toMatchObject({ id: 'flag-synthetic', name: 'flag-synthetic', dateLabel: null, tokenizer: 'openeurollm/tokenizer-256k' });
    const datasets = await hub.database.db.select().from(tables.collectionDatasets);
    expect(datasets.map((row) => row.datasetId).sort()).toEqual(IMPORTED);
  });

  it.each(IMPORTED)('dataset %s: source tokens equal the sum over its counts files', async (id) => {
    const datasets = await hub.database.db.select().from(tables.collectionDatasets);
    const row = datasets.find((candidate) => candidate.datasetId === id)!;
    expect(row.source?.tokens ?? null).toBe(sourceTokens(join(NEXT_SHAPE_DIR, id, 'counts')));
    expect(row.source?.tokens).toBeGreaterThan(0);
  });

  it('every part of the mix: source tokens equal its counts folder', async () => {
    const parts = await hub.database.db.select().from(tables.collectionParts);
    expect(parts).toHaveLength(13);
    for (const part of parts) expect([part.path, part.sourceTokens]).toEqual([part.path, sourceTokens(join(NEXT_SHAPE_DIR, part.datasetId, 'counts', part.part))]);
  });

  it('falls back to the folder id for a missing or empty name, shows a missing source as unknown, and says so', async () => {
    const datasets = new Map((await hub.database.db.select().from(tables.collectionDatasets)).map((row) => [row.datasetId, row]));
    expect(datasets.get('fineweb-2-1.1')).toMatchObject({ name: 'fineweb-2-1.1', huggingface: 'HuggingFaceFW/fineweb-2' });
    expect(datasets.get('culturax-1.0')).toMatchObject({ name: 'culturax-1.0', url: null, huggingface: null, catalogue: 'culturax/1.0/web' });
    expect(datasets.get('europarl-2.0')).toMatchObject({ name: 'Europarl 2.0', url: null, huggingface: null });
    expect(datasets.get('opus-mt-0.2')).toMatchObject({ name: 'opus-mt-0.2', url: null, annotations: [] });
    expect(datasets.get('hplt-3.1')).toMatchObject({ name: 'HPLT 3.1', url: 'https://hplt-project.org/datasets/v3.1' });
    const codes = (path: string) => summary.warnings.filter((warning) => warning.path.split('/')[0] === path).map((warning) => warning.code).sort();
    // Its removed documents have source counts only: the dataset's release total says it summed what there is.
    expect(codes('fineweb-2-1.1')).toEqual(['name_missing', 'partial_sum', 'unmixed_counts']);
    expect(codes('culturax-1.0')).toEqual(['name_missing', 'source_unknown']);
    expect(codes('europarl-2.0')).toEqual(['source_unknown']);
    expect(codes('opus-mt-0.2')).toEqual(['metadata_missing', 'tokenizer_mismatch']);
    expect(codes('hplt-3.1')).toEqual(['unmixed_counts']);
    expect(summary.warnings).toContainEqual({
      code: 'name_missing',
      path: 'fineweb-2-1.1/metadata.yaml',
      message: 'fineweb-2-1.1/metadata.yaml:1: field "name" is empty; the dataset is named after its folder, "fineweb-2-1.1"',
    });
    expect(summary.warnings).toContainEqual({
      code: 'cycle_metadata_missing',
      path: 'metadata.yaml',
      message: expect.stringMatching(/^metadata\.yaml: the cycle has none; it is named after its folder, "flag-synthetic".*tokenizer-256k/),
    });
  });

  it('skips the helper folders and the files it does not read, with a note each', () => {
    expect(summary.notes.map((note) => [note.code, note.path])).toEqual([
      ['not_a_dataset', 'etc'],
      ['not_a_dataset', 'evaluation'],
      ['not_read', 'languages.txt'],
      ['not_read', 'README.md'],
      ['not_a_dataset', 'sample'],
    ]);
    expect(summary.notes[0]!.message).toBe('etc: no metadata.yaml, no counts/ and no datamix.txt line: not a dataset, skipped');
  });

  it('keeps HTML in a name as text with a warning, and replaces a lone surrogate and a NUL, naming file and field', async () => {
    const datasets = new Map((await hub.database.db.select().from(tables.collectionDatasets)).map((row) => [row.datasetId, row]));
    expect(datasets.get('starcoder2-0.1')!.name).toBe('<script>alert(1)</script>');
    expect(datasets.get('wura-0.1')!.name).toBe('Wura \uFFFD Corpus');
    expect(datasets.get('wura-0.1')!.annotations).toEqual([{ kind: 'pii', owner: 'AI\uFFFDSweden', status: '_to_do_', state: 'todo' }]);
    const about = (dataset: string) => summary.warnings.filter((warning) => warning.path.startsWith(`${dataset}/`)).map((warning) => [warning.code, warning.message]);
    expect(about('starcoder2-0.1')).toEqual([
      ['markup_in_text', 'starcoder2-0.1/metadata.yaml:1: field "name" looks like HTML (<script>); it is kept as plain text, which pages show escaped, never as markup'],
    ]);
    expect(about('wura-0.1')).toEqual([
      ['text_replaced', 'wura-0.1/metadata.yaml:1: field "name" holds an unpaired UTF-16 surrogate; replaced with U+FFFD'],
      ['text_replaced', 'wura-0.1/metadata.yaml:5: field "annotations.pii.owner" holds a NUL character; replaced with U+FFFD'],
    ]);
  });

  it('stores no string that is not well-formed or holds a NUL', async () => {
    const bad: string[] = [];
    const visit = (value: unknown, where: string): void => {
      if (typeof value === 'string') {
        if (!value.isWellFormed() || value.includes('\0')) bad.push(where);
        if (value.startsWith('[') || value.startsWith('{')) {
          try {
            visit(JSON.parse(value), `${where} (JSON)`);
          } catch {
            // Not JSON: the string itself was checked.
          }
        }
      } else if (value && typeof value === 'object') for (const [key, inner] of Object.entries(value)) visit(inner, `${where}.${key}`);
    };
    visit(await dumpDatabase(hub.database), 'database');
    expect(bad).toEqual([]);
  });

  it('re-importing the same tree changes nothing', async () => {
    const before = await dumpDatabase(hub.database);
    const again = await run(true);
    expect(again).toMatchObject({ collection: 'unchanged', ledgerEntries: 0 });
    expect(await dumpDatabase(hub.database)).toEqual(before);
  });
});
