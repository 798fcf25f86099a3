/**
 * Acceptance: importing the shipped `baby` cycle stores, for every dataset and part, the figures
 * its counts files give. The expected figures are computed here by a walker of our own that follows
 * the documented stage rule, without calling the importer's code.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { tables } from '../../db/index.ts';
import { getCollectionCoverage } from '../../api/services/collections/coverage.ts';
import { importCollection } from '../../api/services/collections/import-collection.ts';
import { systemActor } from '../../api/services/context.ts';
import { createTestHub, CONTENT_DIR, type TestHub } from '../helpers/app.ts';
import { BABY_DIR } from '../helpers/collection.ts';

type Figures = { tokens: number; documents: number; bytes: number };
const FIELDS = ['tokens', 'documents', 'bytes'] as const;

/** The stage rule, written out again: own <stage>.json, else the sum of subfolders that have counts, else null. */
function expectedStage(folder: string, stage: 'source' | 'release'): Figures | null {
  const own = join(folder, `${stage}.json`);
  if (existsSync(own)) {
    const json = JSON.parse(readFileSync(own, 'utf8'));
    return { tokens: json.tokens, documents: json.documents, bytes: json.bytes };
  }
  const below = readdirSync(folder)
    .filter((name) => statSync(join(folder, name)).isDirectory())
    .map((name) => expectedStage(join(folder, name), stage))
    .filter((figures): figures is Figures => figures !== null);
  if (below.length === 0) return null;
  return { tokens: sum(below, 'tokens'), documents: sum(below, 'documents'), bytes: sum(below, 'bytes') };
}
const sum = (list: Figures[], field: keyof Figures) => list.reduce((total, figures) => total + figures[field], 0);
const pick = (stage: Record<string, unknown> | null) => (stage === null ? null : Object.fromEntries(FIELDS.map((field) => [field, stage[field]])));

const datamix = readFileSync(join(BABY_DIR, 'datamix.txt'), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => {
    const [weight, path] = line.trim().split(/\s+/) as [string, string];
    const [dataset, , ...part] = path.split('/');
    return { weight: Number(weight), dataset: dataset!, part: part.join('/'), language: part.findLast((s) => /^[a-z]{3}_[A-Z][a-z]{3}$/.test(s)) ?? null };
  });
const datasetIds = readdirSync(BABY_DIR).filter((name) => statSync(join(BABY_DIR, name)).isDirectory());

let hub: TestHub;
let elapsedMs: number;
beforeAll(async () => {
  hub = await createTestHub();
  const started = performance.now();
  await importCollection(hub.services, { actor: systemActor('test'), input: { dir: BABY_DIR } });
  elapsedMs = performance.now() - started;
});
afterAll(() => hub.close());

describe('importing the shipped baby cycle', () => {
  it('reads the cycle: 11 datasets, one part per datamix line, in well under a few seconds', async () => {
    const [collection] = await hub.database.db.select().from(tables.collections);
    expect(collection).toMatchObject({ id: 'baby', name: 'Training Data Collection for OpenEuroLLM Baby Model', dateLabel: 'May 2026', tokenizer: 'openeurollm/tokenizer-256k' });
    expect(datasetIds).toHaveLength(11);
    expect(await hub.database.db.select().from(tables.collectionDatasets)).toHaveLength(11);
    expect(await hub.database.db.select().from(tables.collectionParts)).toHaveLength(datamix.length);
    expect(elapsedMs).toBeLessThan(5_000);
  });

  it.each(datasetIds)('dataset %s: totals equal the stage rule over its counts files', async (id) => {
    const [row] = await hub.database.db.select().from(tables.collectionDatasets).where(eqDataset(id));
    const counts = join(BABY_DIR, id, 'counts');
    expect({ source: pick(row!.source), release: pick(row!.release) }).toEqual({ source: expectedStage(counts, 'source'), release: expectedStage(counts, 'release') });
  });

  it('every part: source and release equal the stage rule over its counts folder', async () => {
    const rows = await hub.database.db.select().from(tables.collectionParts);
    for (const line of datamix) {
      const row = rows.find((candidate) => candidate.datasetId === line.dataset && candidate.part === line.part);
      const folder = join(BABY_DIR, line.dataset, 'counts', line.part);
      expect({ part: `${line.dataset}/${line.part}`, weight: row?.weight, language: row?.language, source: pick(row?.source ?? null), release: pick(row?.release ?? null) }).toEqual({
        part: `${line.dataset}/${line.part}`,
        weight: line.weight,
        language: line.language,
        source: expectedStage(folder, 'source'),
        release: expectedStage(folder, 'release'),
      });
      expect(row!.releaseTokens).toBe(row!.release?.tokens ?? null);
    }
  });

  it('imports the dclm aggregate, not the aggregate plus its shards, and warns with both figures', async () => {
    const [dclm] = await hub.database.db.select().from(tables.collectionDatasets).where(eqDataset('dclm-1.0'));
    expect(dclm!.source!.tokens).toBe(3_845_395_936_156);
    const [collection] = await hub.database.db.select().from(tables.collections);
    expect(collection!.warnings).toContainEqual({
      code: 'aggregate_mismatch',
      path: 'dclm-1.0/counts',
      message: expect.stringMatching(/3,845,395,936,156 tokens.*100 source\.json files below it add up to 3,884,321,346,581 tokens/),
    });
  });

  it('per language across datasets: tokens equal the sums of the parts in its variants', async () => {
    const languages = parse(readFileSync(join(CONTENT_DIR, 'governance/languages.yaml'), 'utf8')).languages as { code: string; variants: string[] }[];
    const codeOf = (variant: string) => languages.find((language) => language.variants.includes(variant))?.code ?? variant.slice(0, 3);
    const expected = new Map<string, { release: number; source: number }>();
    for (const line of datamix.filter((line) => line.language)) {
      const folder = join(BABY_DIR, line.dataset, 'counts', line.part);
      const code = codeOf(line.language!);
      const current = expected.get(code) ?? { release: 0, source: 0 };
      expected.set(code, { release: current.release + expectedStage(folder, 'release')!.tokens, source: current.source + expectedStage(folder, 'source')!.tokens });
    }
    const coverage = await getCollectionCoverage(hub.services, 'baby');
    const actual = new Map(
      [...coverage.languages, ...coverage.otherLanguages]
        .map((row) => {
          const byPath = row.datasets.filter((dataset) => dataset.via === 'path');
          return [row.code, { release: byPath.reduce((t, d) => t + d.releaseTokens, 0), source: byPath.reduce((t, d) => t + d.sourceTokens, 0) }] as const;
        })
        .filter(([, totals]) => totals.release > 0 || totals.source > 0),
    );
    expect(actual).toEqual(expected);
    expect(expected.get('est')!.release).toBeGreaterThan(0); // ekk_Latn and est_Latn, merged
  });
});

const eqDataset = (id: string) => eq(tables.collectionDatasets.datasetId, id);
