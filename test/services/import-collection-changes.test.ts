import { and, asc, eq, gt } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tables } from '../../db/index.ts';
import { importCollection, type CollectionProblem } from '../../api/services/collections/import-collection.ts';
import { systemActor, type Actor, type ServiceContext } from '../../api/services/context.ts';
import { AppError } from '../../api/services/errors.ts';
import { verifyLedger } from '../../api/services/ledger.ts';
import { authenticateToken, createToken } from '../../api/services/tokens.ts';
import { createTestClock } from '../helpers/clock.ts';
import { copyCollection } from '../helpers/collection.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { dumpDatabase } from '../helpers/dump.ts';

const actor = systemActor('test');
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

const run = (options: { skipInvalid?: boolean; as?: Actor } = {}) =>
  importCollection(services, { actor: options.as ?? actor, input: { dir: tree.dir, skipInvalid: options.skipInvalid } });
const ledgerAfter = async (seq: number) =>
  services.database.db.select().from(tables.ledger).where(gt(tables.ledger.seq, seq)).orderBy(asc(tables.ledger.seq));
const ledgerSize = async () => (await ledgerAfter(0)).length;

async function refusal(options: { skipInvalid?: boolean } = {}): Promise<CollectionProblem[]> {
  const error = await run(options).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('invalid');
  return ((error as AppError).details as { problems: CollectionProblem[] }).problems;
}

const NEW_DATASET = 'name: Basque Wiki 0.1\nhuggingface: example/eus-wiki\nannotations:\n  pii:\n    owner: AI Sweden\n    status: done\n';
const counts = (tokens: number) => JSON.stringify({ files: 1, bytes: tokens * 4, documents: tokens / 100, segments: 1, tokens, characters: tokens * 4 });

describe('re-importing a collection', () => {
  it('writes nothing when the tree has not changed', async () => {
    const first = await run();
    expect(first.ledgerEntries).toBe(168);
    const before = await dumpDatabase(services.database);
    const again = await run();
    expect(again).toMatchObject({ collection: 'unchanged', ledgerEntries: 0, datasets: { created: 0, updated: 0, removed: 0, unchanged: 11 } });
    expect(await dumpDatabase(services.database)).toEqual(before);
  });

  it('records exactly the differences: one counts file changed, one datamix line removed, one dataset added', async () => {
    await run();
    const seen = await ledgerSize();
    const malteseBefore = JSON.parse(tree.read('hplt-3.0/counts/mlt_Latn/release.json'));
    tree.edit('hplt-3.0/counts/mlt_Latn/release.json', (text) => text.replace(/"tokens": \d+/, '"tokens": 12345'));
    tree.edit('datamix.txt', (text) => text.replace('0.003607 finepdfs-1.0.0/megatron-lm/kat_Geor\n', ''));
    tree.write('eus-wiki-0.1/metadata.yaml', NEW_DATASET);
    tree.write('eus-wiki-0.1/counts/eus_Latn/source.json', counts(2000));
    tree.write('eus-wiki-0.1/counts/eus_Latn/release.json', counts(1000));
    tree.edit('datamix.txt', (text) => `${text}0.000500 eus-wiki-0.1/megatron-lm/eus_Latn\n`);

    const summary = await run();
    expect(summary).toMatchObject({
      collection: 'updated',
      datasets: { created: 1, updated: 1, removed: 0, unchanged: 10 },
      parts: { created: 1, updated: 1, removed: 1, unchanged: 154 },
    });
    const entries = (await ledgerAfter(seen)).map((entry) => [entry.type, entry.subject, JSON.parse(entry.data).fields ?? null]);
    expect(entries).toEqual([
      // The kat_Geor counts folder is no longer in the mix: the import says so in its warnings.
      ['collection.updated', 'collection:baby', ['warnings']],
      ['collection_dataset.created', 'collection_dataset:baby/eus-wiki-0.1', null],
      ['collection_dataset.updated', 'collection_dataset:baby/hplt-3.0', ['release']],
      ['collection_part.created', 'collection_part:baby/eus-wiki-0.1/eus_Latn', null],
      ['collection_part.updated', 'collection_part:baby/hplt-3.0/mlt_Latn', ['release']],
      ['collection_part.removed', 'collection_part:baby/finepdfs-1.0.0/kat_Geor', null],
    ]);
    expect(summary.ledgerEntries).toBe(entries.length);

    const parts = tables.collectionParts;
    const [maltese] = await services.database.db.select().from(parts).where(and(eq(parts.datasetId, 'hplt-3.0'), eq(parts.part, 'mlt_Latn')));
    expect(maltese).toMatchObject({ releaseTokens: 12345, release: { tokens: 12345, documents: malteseBefore.documents } });
    expect(await services.database.db.select().from(parts).where(and(eq(parts.datasetId, 'finepdfs-1.0.0'), eq(parts.part, 'kat_Geor')))).toEqual([]);
    const [basque] = await services.database.db.select().from(parts).where(eq(parts.datasetId, 'eus-wiki-0.1'));
    expect(basque).toMatchObject({ language: 'eus_Latn', weight: 0.0005, sourceTokens: 2000, releaseTokens: 1000 });
    expect(await verifyLedger(services)).toMatchObject({ ok: true });
    expect((await run()).ledgerEntries).toBe(0);
  });

  it('removes a dataset whose folder and lines are gone, parts first', async () => {
    await run();
    const seen = await ledgerSize();
    tree.remove('megamath-0.0.0');
    tree.edit('datamix.txt', (text) => text.replace(/^.*megamath-0\.0\.0.*\n/gm, ''));
    await run();
    expect((await ledgerAfter(seen)).map((entry) => `${entry.type} ${entry.subject}`)).toEqual([
      'collection_dataset.removed collection_dataset:baby/megamath-0.0.0',
      'collection_part.removed collection_part:baby/megamath-0.0.0/megamath-text-code-block',
      'collection_part.removed collection_part:baby/megamath-0.0.0/megamath-web-pro',
    ]);
  });
});

describe('a broken tree', () => {
  it('refuses a broken JSON file, naming its path, and changes nothing', async () => {
    await run();
    const before = await dumpDatabase(services.database);
    tree.edit('hplt-3.0/counts/mlt_Latn/release.json', (text) => text.replace('"tokens":', '"tokens" '));
    const problems = await refusal();
    expect(problems).toEqual([
      { file: `${tree.dir}/hplt-3.0/counts/mlt_Latn/release.json`, dataset: 'hplt-3.0', message: expect.stringMatching(/^not valid JSON/) },
    ]);
    expect(await dumpDatabase(services.database)).toEqual(before);
  });

  it('lists every problem at once: invalid figure, metadata that is not YAML, missing dataset folder, missing counts folder', async () => {
    tree.edit('olmo-mix-1124/counts/wiki/source.json', (text) => text.replace(/"documents": \d+/, '"documents": -4'));
    tree.edit('megamath-0.0.0/metadata.yaml', (text) => text.replace('name: MegaMath 0.0.0', 'name: [MegaMath 0.0.0'));
    tree.remove('finemath-0.0.0');
    tree.remove('nemotron-cc-1.0/counts/high');
    const problems = await refusal();
    const shown = problems.map((problem) => `${problem.file.slice(tree.dir.length + 1)}${problem.line ? `:${problem.line}` : ''} ${problem.field ?? ''} [${problem.dataset}]`);
    expect(shown.sort()).toEqual([
      'datamix.txt:2  [finemath-0.0.0]',
      'megamath-0.0.0/metadata.yaml:2  [megamath-0.0.0]',
      'nemotron-cc-1.0/counts/high/actual  [nemotron-cc-1.0]',
      'olmo-mix-1124/counts/wiki/source.json documents [olmo-mix-1124]',
    ]);
    expect(await dumpDatabase(services.database)).toMatchObject({ collections: [], collection_parts: [], ledger: [] });
  });

  it('reports a file that cannot be read as a problem of its dataset', async () => {
    tree.remove('finemath-0.0.0/metadata.yaml');
    tree.write('finemath-0.0.0/metadata.yaml/README', 'a folder where a file should be');
    expect(await refusal()).toEqual([
      { file: `${tree.dir}/finemath-0.0.0/metadata.yaml`, dataset: 'finemath-0.0.0', message: 'cannot be read (EISDIR)' },
    ]);
  });

  it('with --skip-invalid imports the rest and reports each skipped dataset with its path', async () => {
    tree.edit('hplt-3.0/counts/mlt_Latn/release.json', () => '{ broken');
    tree.edit('megamath-0.0.0/metadata.yaml', (text) => text.replace('name: MegaMath 0.0.0', 'name: [MegaMath 0.0.0'));
    const summary = await run({ skipInvalid: true });
    expect(summary.skipped).toEqual([
      { dataset: 'hplt-3.0', problems: [expect.objectContaining({ file: `${tree.dir}/hplt-3.0/counts/mlt_Latn/release.json` })] },
      { dataset: 'megamath-0.0.0', problems: [expect.objectContaining({ file: `${tree.dir}/megamath-0.0.0/metadata.yaml`, message: expect.stringMatching(/not valid YAML/) })] },
    ]);
    expect(summary.datasets.created).toBe(9);
    expect(summary.warnings.filter((warning) => warning.code === 'skipped_dataset').map((warning) => warning.path)).toEqual(['hplt-3.0', 'megamath-0.0.0']);
    const stored = await services.database.db.selectDistinct({ id: tables.collectionParts.datasetId }).from(tables.collectionParts);
    expect(stored.map((row) => row.id).sort()).not.toContain('hplt-3.0');
  });

  it('leaves a skipped dataset as it was stored before', async () => {
    await run();
    const hpltBefore = await services.database.db.select().from(tables.collectionParts).where(eq(tables.collectionParts.datasetId, 'hplt-3.0'));
    tree.edit('hplt-3.0/counts/mlt_Latn/release.json', () => '{ broken');
    const summary = await run({ skipInvalid: true });
    expect(summary.parts).toMatchObject({ removed: 0, unchanged: 156 - hpltBefore.length });
    expect(await services.database.db.select().from(tables.collectionParts).where(eq(tables.collectionParts.datasetId, 'hplt-3.0'))).toEqual(hpltBefore);
  });

  it('refuses, even with --skip-invalid, when the cycle\'s own files are broken', async () => {
    tree.edit('metadata.yaml', (text) => text.replace('name: Training', 'name: [Training'));
    const problems = await refusal({ skipInvalid: true });
    expect(problems).toEqual([expect.objectContaining({ file: `${tree.dir}/metadata.yaml`, line: 2, message: expect.stringMatching(/^not valid YAML/), dataset: null })]);
  });

});

describe('who may import', () => {
  it('needs the admin scope', async () => {
    await expect(run({ as: { kind: 'anonymous' } })).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(run({ as: { kind: 'token', tokenId: 't', scopes: ['reporter'], memberId: null } })).rejects.toMatchObject({ code: 'forbidden' });
    // A real admin token: every write checks its token in its own transaction.
    const { secret } = await createToken(services, { actor, input: { name: 'importer', scopes: ['admin'] } });
    expect((await run({ as: await authenticateToken(services, secret) })).ledgerEntries).toBeGreaterThan(0);
  });
});

describe('missing stages', () => {
  it('keeps a stage without counts null, never 0, and says so', async () => {
    tree.remove('hplt-3.0/counts/mlt_Latn/release.json');
    const summary = await run();
    const parts = tables.collectionParts;
    const [maltese] = await services.database.db.select().from(parts).where(and(eq(parts.datasetId, 'hplt-3.0'), eq(parts.part, 'mlt_Latn')));
    expect(maltese).toMatchObject({ release: null, releaseTokens: null, source: expect.objectContaining({ tokens: expect.any(Number) }) });
    expect(summary.warnings).toEqual(
      expect.arrayContaining([
        { code: 'missing_stage', path: 'hplt-3.0/counts/mlt_Latn', message: 'hplt-3.0/counts/mlt_Latn: no release counts; release stays null' },
        expect.objectContaining({ code: 'partial_sum', path: 'hplt-3.0/counts', message: expect.stringMatching(/summed from 36 of 37 subfolders; mlt_Latn has none/) }),
      ]),
    );
  });
});
