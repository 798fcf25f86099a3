/**
 * The shipped baby cycle, edited one gap at a time into the shapes later cycles have: each gap is
 * a warning or a note, never a refusal, and leaves every figure as it was.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tables } from '../../db/index.ts';
import { importCollection } from '../../api/services/collections/import-collection.ts';
import { systemActor, type ServiceContext } from '../../api/services/context.ts';
import { AppError } from '../../api/services/errors.ts';
import { createTestClock } from '../helpers/clock.ts';
import { copyCollection } from '../helpers/collection.ts';
import { createTestDatabase } from '../helpers/database.ts';

let services: ServiceContext;
let tree: ReturnType<typeof copyCollection>;
beforeEach(async () => {
  services = { database: await createTestDatabase(), clock: createTestClock() };
  tree = copyCollection();
});
afterEach(() => {
  services.database.close();
  tree.cleanup();
});

const run = (skipInvalid = false) => importCollection(services, { actor: systemActor('test'), input: { dir: tree.dir, skipInvalid } });
const figures = async () =>
  (await services.database.db.select().from(tables.collectionDatasets)).map(({ datasetId, source, release }) => ({ datasetId, source, release })).sort((a, b) => a.datasetId.localeCompare(b.datasetId));
const collection = async () => (await services.database.db.select().from(tables.collections))[0]!;

describe('gaps in the cycle', () => {
  it('no metadata.yaml: the cycle is named after its folder, takes the tokenizer of its counts files, and its figures stay', async () => {
    await run();
    const before = await figures();
    tree.remove('metadata.yaml');
    const summary = await run();
    expect(await collection()).toMatchObject({ id: 'baby', name: 'baby', dateLabel: null, tokenizer: 'openeurollm/tokenizer-256k', settings: { release: null, sources: null } });
    expect(summary.warnings).toContainEqual(expect.objectContaining({ code: 'cycle_metadata_missing', path: 'metadata.yaml' }));
    expect(await figures()).toEqual(before);
  });

  it('a metadata.yaml without a name or with a field of the wrong shape: warnings, the rest as written', async () => {
    tree.edit('metadata.yaml', (text) => text.replace('name: Training Data Collection for OpenEuroLLM Baby Model\n', '').replace('date: May 2026', 'date: [May, 2026]'));
    const summary = await run();
    expect(await collection()).toMatchObject({ name: 'baby', dateLabel: null, tokenizer: 'openeurollm/tokenizer-256k' });
    expect(summary.warnings.filter((warning) => warning.path === 'metadata.yaml').map((warning) => warning.message)).toEqual([
      'metadata.yaml: field "name" is missing; the cycle is named after its folder, "baby"',
      'metadata.yaml:1: field "date": expected a date such as "May 2026", got a list; ignored',
    ]);
  });
});

describe('gaps in a dataset', () => {
  it('a dataset the datamix names but without metadata.yaml is imported with its figures, named after its folder', async () => {
    await run();
    const before = await figures();
    tree.remove('megamath-0.0.0/metadata.yaml');
    const summary = await run();
    expect(summary.skipped).toEqual([]);
    const [megamath] = await services.database.db.select().from(tables.collectionDatasets).where(eq(tables.collectionDatasets.datasetId, 'megamath-0.0.0'));
    expect(megamath).toMatchObject({ name: 'megamath-0.0.0', url: null, huggingface: null, annotations: [] });
    expect(await figures()).toEqual(before);
    expect(summary.warnings.filter((warning) => warning.path.startsWith('megamath-0.0.0/')).map((warning) => warning.code)).toEqual(['metadata_missing']);
  });

  it('huggingface: null, an empty name and new keys: imported, with a warning for each gap', async () => {
    tree.edit('finemath-0.0.0/metadata.yaml', (text) =>
      text.replace('name: FineMath 0.0.0', 'name: ""').replace('huggingface: HuggingFaceTB/finemath', 'huggingface: null\nmask: pii\nfilters:\n  - langid: 0.8\nsample:\n  default:\n    size: 1000'),
    );
    const summary = await run();
    const [finemath] = await services.database.db.select().from(tables.collectionDatasets).where(eq(tables.collectionDatasets.datasetId, 'finemath-0.0.0'));
    expect(finemath).toMatchObject({ name: 'finemath-0.0.0', url: null, huggingface: null, catalogue: 'finemath/0.0.0/data' });
    expect(summary.warnings.filter((warning) => warning.path.startsWith('finemath-0.0.0/')).map((warning) => warning.code)).toEqual(['name_missing', 'source_unknown']);
  });
});

describe('what is not a dataset', () => {
  it('skips helper folders and other files with a note, stored beside the warnings; re-importing changes nothing', async () => {
    await run();
    tree.write('etc/plan.py', 'print("plan")\n');
    tree.write('sample/hplt-3.0/mlt_Latn.jsonl', '{"text": "Bongu"}\n');
    tree.write('evaluation/README.md', 'Benchmarks.\n');
    tree.write('languages.txt', 'mlt: Maltese: mlt_Latn\n');
    const summary = await run();
    expect(summary.notes.map((note) => `${note.code} ${note.path}`)).toEqual(['not_a_dataset etc', 'not_a_dataset evaluation', 'not_read languages.txt', 'not_a_dataset sample']);
    expect(summary).toMatchObject({ collection: 'updated', datasets: { created: 0, updated: 0, removed: 0 }, ledgerEntries: 1 });
    expect((await collection()).warnings.filter((finding) => finding.code === 'not_a_dataset')).toHaveLength(3);
    expect((await run()).ledgerEntries).toBe(0);
  });

  it('a folder of counts that no datamix line names and with no metadata.yaml is a note that says its counts were not imported', async () => {
    tree.write('scratch/counts/x/source.json', '{ not even JSON');
    const summary = await run();
    expect(summary.notes).toEqual([{ code: 'not_a_dataset', path: 'scratch', message: expect.stringMatching(/holds counts\/ but has no metadata\.yaml and no datamix\.txt line: not a dataset, skipped; its counts are not imported/) }]);
    expect(summary.skipped).toEqual([]);
  });
});

describe('hostile text', () => {
  it('a NUL in datamix.txt is replaced and reported; the line names no dataset folder, an error of that line alone', async () => {
    tree.edit('datamix.txt', (text) => `${text}0.001000 ev\0il-1.0/megatron-lm/x\n`);
    const error = await run().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    const problems = ((error as AppError).details as { problems: { dataset: string; message: string }[] }).problems;
    expect(problems).toEqual([expect.objectContaining({ dataset: 'ev\uFFFDil-1.0', message: expect.stringMatching(/no dataset folder "ev\uFFFDil-1\.0"/) })]);
    const summary = await run(true);
    expect(summary.warnings).toContainEqual({ code: 'text_replaced', path: 'datamix.txt', message: 'datamix.txt:157: holds a NUL character; replaced with U+FFFD' });
    expect(summary.datasets.created).toBe(11);
  });

  it('bytes that are not UTF-8 in a counts file: replaced, reported, figures kept', async () => {
    await run();
    const before = await figures();
    const file = 'olmo-mix-1124/counts/wiki/source.json';
    tree.write(file, tree.read(file).replace('"tokenizer": "openeurollm/tokenizer-256k"', '"tokenizer": "openeurollm/tokenizer-256k", "note": "caf\u00e9"'));
    const bytes = Buffer.from(tree.read(file), 'utf8');
    const at = bytes.indexOf(Buffer.from('\u00e9', 'utf8'));
    tree.writeBytes(file, Buffer.concat([bytes.subarray(0, at), Buffer.from([0xe9]), bytes.subarray(at + 2)]));
    const summary = await run();
    expect(summary.warnings).toContainEqual({ code: 'text_replaced', path: file, message: `${file}: not valid UTF-8; the bytes that are not were replaced with U+FFFD` });
    expect(await figures()).toEqual(before);
  });

  it('a dataset folder whose name cannot be an id is an error of that folder alone', async () => {
    tree.write('bad <name>/metadata.yaml', 'name: Bad\nhuggingface: a/b\n');
    const summary = await run(true);
    expect(summary.skipped).toEqual([{ dataset: 'bad <name>', problems: [expect.objectContaining({ message: expect.stringMatching(/cannot be a dataset id/) })] }]);
    expect(summary.datasets.created).toBe(11);
  });
});
