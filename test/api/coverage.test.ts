import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../db/index.ts';
import { importCollection } from '../../api/services/collections/import-collection.ts';
import { systemActor } from '../../api/services/context.ts';
import { createTestHub, type TestHub } from '../helpers/app.ts';
import { BABY_DIR } from '../helpers/collection.ts';
import { json } from '../helpers/http.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await createTestHub();
  await importCollection(hub.services, { actor: systemActor('test'), input: { dir: BABY_DIR } });
  const now = hub.clock().toISOString();
  const model = { familyId: 'test-family', status: 'training' as const, createdAt: now, updatedAt: now };
  await hub.database.write(async (tx) => {
    await tx.insert(tables.modelFamilies).values({ id: 'test-family', name: 'Test family', updatedAt: now });
    await tx.insert(tables.models).values([
      { ...model, id: 'nordic', version: '1', name: 'Nordic', languages: ['fin', 'swe', 'nno', 'nob', 'isl', 'est'], cycle: 'baby' },
      { ...model, id: 'everything', version: '2', name: 'Everything', languages: [], cycle: 'baby' },
      { ...model, id: 'unplanned', version: '3', name: 'Unplanned', languages: ['fin'], cycle: null },
      { ...model, id: 'future', version: '4', name: 'Future', languages: ['fin'], cycle: 'teenager' },
    ]);
  });
});
afterAll(() => hub.close());

type Row = { code: string; name: string; variants: string[]; share: number; releaseTokens: number; gap: { kind: string } | null; datasets: { dataset: string; via: string }[] };

describe('GET /api/v1/collections/{cycle}/coverage', () => {
  it('covers every target language, merging script variants', async () => {
    const body = await json(hub.request('/api/v1/collections/baby/coverage'));
    expect(body.cycle).toBe('baby');
    expect(body.targets).toEqual({ kind: 'consortium' });
    expect(body.languages).toHaveLength(37);
    const row = (code: string): Row => body.languages.find((language: Row) => language.code === code);
    expect(row('est').variants).toEqual(['ekk_Latn', 'est_Latn']);
    expect(row('lvs').variants).toEqual(['lav_Latn', 'lvs_Latn']);
    expect(row('sqi').variants).toEqual(['als_Latn', 'sqi_Latn']);
    expect(row('nob').variants).toEqual(['nob_Latn']);
    expect(row('est').datasets.map((dataset) => dataset.dataset).sort()).toEqual(['finepdfs-1.0.0', 'finepdfs-edu-1.0.0', 'hplt-3.0', 'nemotron-cc-opus-1.1']);
    expect(row('eng').datasets).toContainEqual(expect.objectContaining({ dataset: 'dclm-1.0', via: 'card' }));
    expect(row('eng').share).toBeGreaterThan(0.5);
  });

  it('flags Latgalian, which has counts but no line in the mix, as a gap with no data', async () => {
    const body = await json(hub.request('/api/v1/collections/baby/coverage'));
    const gaps = body.languages.filter((language: Row) => language.gap).map((language: Row) => [language.code, language.gap!.kind]);
    expect(gaps).toEqual([['ltg', 'none']]);
    expect(body.lowShareThreshold).toBeCloseTo(body.medianShare / 2);
  });

  it('lists Georgian as data outside the targets, and language-less parts separately', async () => {
    const body = await json(hub.request('/api/v1/collections/baby/coverage'));
    expect(body.otherLanguages.map((language: Row) => [language.code, language.variants])).toEqual([['kat', ['kat_Geor']]]);
    expect(body.otherLanguages[0].datasets).toHaveLength(4);
    const languageless = body.languageless.map((part: { dataset: string; part: string; content: string; countedAs: string | null }) => [
      `${part.dataset}/${part.part}`,
      part.content,
      part.countedAs,
    ]);
    expect(languageless).toContainEqual(['dclm-1.0/', 'text', 'eng']);
    expect(languageless).toContainEqual(['nemotron-cc-1.0/high/actual', 'text', 'eng']);
    expect(languageless).toContainEqual(['starcoder-0.0.0/', 'code', null]);
    expect(languageless).toHaveLength(11);
  });

  it('answers not_found for a cycle never imported', async () => {
    expect((await hub.request('/api/v1/collections/teenager/coverage')).status).toBe(404);
  });
});

describe('GET /api/v1/models/{id}/coverage', () => {
  it("restricts coverage to the model's target languages", async () => {
    const body = await json(hub.request('/api/v1/models/nordic/coverage'));
    expect(body.targets).toEqual({ kind: 'model', model: 'nordic', name: 'Nordic' });
    expect(body.languages.map((language: Row) => language.code)).toEqual(['fin', 'swe', 'nno', 'nob', 'isl', 'est']);
    expect(body.otherLanguages.map((language: Row) => language.code)).toContain('deu');
  });

  it("falls back to the consortium's languages for a model that names none", async () => {
    const body = await json(hub.request('/api/v1/models/everything/coverage'));
    expect(body.targets).toEqual({ kind: 'consortium' });
    expect(body.languages).toHaveLength(37);
  });

  it.each([
    { id: 'unplanned', reason: 'no_cycle', message: /names no training-data cycle/ },
    { id: 'future', reason: 'cycle_not_imported', message: /"teenager", which has not been imported/ },
  ])('answers a clear problem for model $id', async ({ id, reason, message }) => {
    const response = await hub.request(`/api/v1/models/${id}/coverage`);
    expect(response.status).toBe(404);
    const body = await json(response);
    expect(body.error).toMatchObject({ code: 'not_found', message: expect.stringMatching(message), details: { reason } });
  });

  it('answers not_found for an unknown model', async () => {
    const body = await json(hub.request('/api/v1/models/nope/coverage'));
    expect(body.error).toMatchObject({ code: 'not_found', message: 'No model has the id "nope".' });
  });
});
