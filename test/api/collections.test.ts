import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCollection } from '../../api/services/collections/import-collection.ts';
import { systemActor } from '../../api/services/context.ts';
import { createTestHub, type TestHub } from '../helpers/app.ts';
import { BABY_DIR } from '../helpers/collection.ts';
import { json } from '../helpers/http.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await createTestHub();
  await importCollection(hub.services, { actor: systemActor('test'), input: { dir: BABY_DIR } });
});
afterAll(() => hub.close());

const STAGE_KEYS = ['bytes', 'characters', 'documents', 'files', 'segments', 'tokens'];

describe('GET /api/v1/collections', () => {
  it('lists the imported cycles with what they hold', async () => {
    const body = await json(hub.request('/api/v1/collections'));
    expect(body).toEqual({
      items: [
        expect.objectContaining({ cycle: 'baby', name: 'Training Data Collection for OpenEuroLLM Baby Model', date: 'May 2026', datasetCount: 11, partCount: 156, warningCount: 3, noteCount: 0 }),
      ],
      next: null,
    });
    expect(body.items[0].releaseTokens).toBeGreaterThan(1e12);
  });
});

describe('GET /api/v1/collections/{cycle}', () => {
  it('answers the cycle, its tokenizer, datasets with totals and the parts of the mix', async () => {
    const response = await hub.request('/api/v1/collections/baby');
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body).toMatchObject({ cycle: 'baby', tokenizer: 'openeurollm/tokenizer-256k' });
    expect(body.datasets.map((dataset: { id: string }) => dataset.id)).toEqual([
      'dclm-1.0',
      'finemath-0.0.0',
      'finepdfs-1.0.0',
      'finepdfs-edu-1.0.0',
      'hplt-3.0',
      'megamath-0.0.0',
      'nemotron-cc-1.0',
      'nemotron-cc-opus-1.1',
      'nemotron-cc-tower+-0.1',
      'olmo-mix-1124',
      'starcoder-0.0.0',
    ]);
    const dclm = body.datasets[0];
    expect(Object.keys(dclm.source).sort()).toEqual(STAGE_KEYS);
    expect(dclm).toMatchObject({
      name: 'DCLM Baseline 1.0',
      url: 'https://huggingface.co/datasets/mlfoundations/dclm-baseline-1.0',
      licence: 'CC-BY-4.0',
      redistributable: true,
      content: 'text',
      source: { documents: 2_909_739_252, tokens: 3_845_395_936_156, bytes: 7_123_988_104_729 },
      release: { documents: 2_644_775_461, tokens: 3_493_015_206_249, bytes: 6_469_888_746_026 },
      annotations: [
        { kind: 'contamination', owner: 'Prompsit', status: '_to_do_', state: 'todo' },
        { kind: 'pii', owner: 'AI Sweden', status: '_to_do_', state: 'todo' },
      ],
      parts: [{ part: '', path: 'dclm-1.0/megatron-lm', language: null, cardLanguage: 'eng_Latn', weight: 0.324 }],
    });
    const tower = body.datasets.find((dataset: { id: string }) => dataset.id === 'nemotron-cc-tower+-0.1');
    expect(tower.parts[0]).toMatchObject({ part: 'parallel/tower72b/deu_Latn', language: 'deu_Latn', cardLanguage: null, weight: 0.003604 });
    const starcoder = body.datasets.at(-1);
    expect(starcoder).toMatchObject({ content: 'code', licence: null, redistributable: null, parts: [{ language: null, cardLanguage: null }] });
    expect(body.warnings.map((warning: { code: string }) => warning.code).sort()).toEqual(['aggregate_mismatch', 'duplicate_keys', 'unmixed_counts']);
    expect(body.notes).toEqual([]);
    expect(dclm.warnings.map((warning: { code: string }) => warning.code)).toEqual(['aggregate_mismatch']);
  });

  it('answers a not_found problem for a cycle never imported', async () => {
    const response = await hub.request('/api/v1/collections/teenager');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'No collection cycle "teenager" has been imported.', details: { cycle: 'teenager' } } });
  });
});

describe('GET /api/v1/datasets', () => {
  it('pages through the datasets with a cursor', async () => {
    const seen: string[] = [];
    let path = '/api/v1/datasets?limit=4';
    for (let page = 0; page < 5; page++) {
      const body = await json(hub.request(path));
      seen.push(...body.items.map((item: { id: string }) => item.id));
      if (!body.next) break;
      expect(body.items).toHaveLength(4);
      path = `/api/v1/datasets?limit=4&cursor=${encodeURIComponent(body.next)}`;
    }
    expect(seen).toHaveLength(11);
    expect(new Set(seen).size).toBe(11);
    expect([...seen].sort()).toEqual(seen);
  });

  it('shows card facts and the cycles of each dataset', async () => {
    const body = await json(hub.request('/api/v1/datasets?limit=100'));
    expect(body.items.find((item: { id: string }) => item.id === 'finepdfs-1.0.0')).toEqual({
      id: 'finepdfs-1.0.0',
      name: 'FinePDFs 1.0.0',
      url: 'https://huggingface.co/datasets/HuggingFaceFW/finepdfs',
      licence: 'ODC-By-1.0',
      licenceSource: 'https://huggingface.co/datasets/HuggingFaceFW/finepdfs',
      redistributable: true,
      content: 'text',
      cardLanguage: null,
      note: null,
      cycles: ['baby'],
    });
  });

  it('refuses a cursor it did not give out', async () => {
    const response = await hub.request('/api/v1/datasets?cursor=nonsense!');
    expect(response.status).toBe(400);
  });
});

describe('GET /api/v1/datasets/{id}', () => {
  it('answers the dataset with its cycles, annotations and per-language counts', async () => {
    const body = await json(hub.request('/api/v1/datasets/nemotron-cc-opus-1.1'));
    expect(body).toMatchObject({ id: 'nemotron-cc-opus-1.1', licence: 'Apache-2.0', redistributable: null, huggingface: 'Helsinki-NLP/nemotron-cc-translated' });
    expect(body.annotations.map((annotation: { status: string; state: string }) => [annotation.status, annotation.state])).toEqual([
      ['_todo_', 'todo'],
      ['_todo_', 'todo'],
    ]);
    expect(body.cycles).toHaveLength(1);
    expect(body.cycles[0]).toMatchObject({ cycle: 'baby', name: 'Training Data Collection for OpenEuroLLM Baby Model' });
    expect(body.cycles[0].parts).toHaveLength(20);
    const estonian = body.languages.find((language: { variant: string }) => language.variant === 'est_Latn');
    expect(estonian).toMatchObject({ cycle: 'baby', code: 'est', via: 'path', parts: 1, weight: 0.00098 });
    expect(estonian.release.tokens).toBe(body.cycles[0].parts.find((part: { part: string }) => part.part === 'est_Latn').release.tokens);
  });

  it('gives a card-labelled dataset its language by card', async () => {
    const body = await json(hub.request('/api/v1/datasets/olmo-mix-1124'));
    expect(body.languages).toEqual([expect.objectContaining({ variant: 'eng_Latn', code: 'eng', via: 'card', parts: 3 })]);
  });

  it('answers a not_found problem for an unknown dataset', async () => {
    const response = await hub.request('/api/v1/datasets/no-such-data');
    expect(response.status).toBe(404);
    expect((await json(response)).error.code).toBe('not_found');
  });
});
