import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importCollection } from '../../api/services/collections/import-collection.ts';
import { systemActor } from '../../api/services/context.ts';
import { trainingSummarySchema } from '../../api/services/model-cards/card-view-schemas.ts';
import { registerModel } from '../../api/services/models.ts';
import { createTestHub, type TestHub } from '../helpers/app.ts';
import { BABY_DIR } from '../helpers/collection.ts';
import { json } from '../helpers/http.ts';

const MODEL = 'agora-demo-1b-v0-1';
const exportPath = (format: string, model = MODEL) => `/api/v1/models/${model}/card/exports/${format}`;

let hub: TestHub;
beforeAll(async () => {
  hub = await createTestHub();
  await registerModel(hub.services, {
    actor: systemActor('test'),
    input: { id: 'cardless-1b', family: { id: 'cardless', name: 'Cardless' }, version: '1', name: 'Cardless 1B', status: 'training', languages: [] },
  });
});
afterAll(() => hub.close());

describe('GET /api/v1/model-cards and /api/v1/models/{id}/card', () => {
  it('lists the cards with their completeness', async () => {
    const response = await hub.request('/api/v1/model-cards');
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({
      items: [expect.objectContaining({ modelId: MODEL, isExample: true, completeness: expect.objectContaining({ complete: true, documented: 14, required: 14 }) })],
      next: null,
    });
  });

  it('answers a card with its compliance', async () => {
    const response = await hub.request(`/api/v1/models/${MODEL}/card`);
    expect(response.status).toBe(200);
    const card = await json(response);
    expect(card).toMatchObject({ modelId: MODEL, frontMatter: { model: MODEL, data: { collection: 'baby' } }, compliance: { aiAct: { complete: true }, exemption: { canApply: true } } });
    // Everything but evaluation data (class II) and the datasets (class I) is released openly.
    expect(card.compliance.openness.progress).toEqual({ '1': 0, '2': 90, '3': 100 });
    expect(card.compliance.openness.class).toBe(3);
  });

  it('answers 404 for a model without a card and for an unknown model', async () => {
    const cardless = await hub.request('/api/v1/models/cardless-1b/card');
    expect(cardless.status).toBe(404);
    expect(await json(cardless)).toMatchObject({ error: { code: 'not_found', details: { reason: 'no_card' } } });
    expect((await hub.request('/api/v1/models/nope/card')).status).toBe(404);
  });
});

describe('GET /api/v1/models/{id}/card/exports/{format}', () => {
  it('answers 409 for the training summary while the linked cycle is not imported', async () => {
    for (const format of ['training-summary', 'training-summary.json']) {
      const response = await hub.request(exportPath(format));
      expect(response.status).toBe(409);
      expect(await json(response)).toMatchObject({ error: { code: 'conflict', details: { reason: 'collection_not_imported', cycle: 'baby' } } });
    }
  });

  describe('once the linked cycle is imported', () => {
    beforeAll(() => importCollection(hub.services, { actor: systemActor('test'), input: { dir: BABY_DIR } }));

    it.each([
      ['huggingface-readme', 'text/markdown; charset=utf-8', 'README.md'],
      ['mot', 'application/yaml; charset=utf-8', `${MODEL}.mot.yml`],
      ['training-summary', 'text/markdown; charset=utf-8', `${MODEL}.training-summary.md`],
      ['training-summary.json', 'application/json; charset=utf-8', `${MODEL}.training-summary.json`],
      ['annex-xi-xii', 'text/markdown; charset=utf-8', `${MODEL}.annex-xi-xii.md`],
    ])('serves %s as %s, attachment %s', async (format, contentType, filename) => {
      const response = await hub.request(exportPath(format));
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toBe(contentType);
      expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="${filename}"`);
      const body = await response.text();
      if (format === 'mot') expect(parse(body)).toMatchObject({ framework: { name: 'Model Openness Framework' }, release: { name: 'Agora Demo 1B v0.1 (demo)' } });
      if (format === 'training-summary.json') expect(trainingSummarySchema.safeParse(JSON.parse(body)).success).toBe(true);
      if (format === 'huggingface-readme') expect(body).toContain(`(http://localhost:8787${exportPath('training-summary')})`);
    });
  });

  it('answers 400 listing the formats for an unknown one', async () => {
    const response = await hub.request(exportPath('pdf'));
    expect(response.status).toBe(400);
    const problem = await json(response);
    expect(problem.error.code).toBe('invalid');
    expect(JSON.stringify(problem.error.details)).toContain('huggingface-readme, mot, training-summary, training-summary.json, annex-xi-xii');
  });

  it('answers 404 for a model without a card', async () => {
    const response = await hub.request(exportPath('mot', 'cardless-1b'));
    expect(response.status).toBe(404);
    expect(await json(response)).toMatchObject({ error: { code: 'not_found', details: { reason: 'no_card' } } });
  });
});
