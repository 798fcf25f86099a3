import { afterEach, describe, expect, it } from 'vitest';
import { importCollection } from '../../api/services/collections/import-collection.ts';
import { systemActor } from '../../api/services/context.ts';
import { AppError } from '../../api/services/errors.ts';
import { exportModelCard } from '../../api/services/model-cards/card-exports.ts';
import { checkModelCardGate, getModelCard, listModelCards } from '../../api/services/model-cards/model-cards.ts';
import { registerModel } from '../../api/services/models.ts';
import { createTestHub, type TestHub } from '../helpers/app.ts';
import { BABY_DIR } from '../helpers/collection.ts';
import { copyContent } from '../helpers/content.ts';

const MODEL = 'agora-demo-1b-v0-1';
const CARD = 'models/agora-demo/0.1.md';

let hub: TestHub | undefined;
let content: ReturnType<typeof copyContent> | undefined;
afterEach(() => {
  hub?.close();
  content?.cleanup();
  hub = content = undefined;
});

/** A hub synced with the shipped content, the example card changed by `change` first. */
async function hubWithCard(change?: (text: string) => string): Promise<TestHub> {
  if (change) {
    content = copyContent();
    content.edit(CARD, change);
  }
  hub = await createTestHub(content ? { contentDir: content.dir } : {});
  return hub;
}

async function registerModelWithoutCard(services: TestHub['services']) {
  await registerModel(services, {
    actor: systemActor('test'),
    input: { id: 'cardless-1b', family: { id: 'cardless', name: 'Cardless' }, version: '1', name: 'Cardless 1B', status: 'training', languages: [] },
  });
}

const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as AppError);

describe('getModelCard and listModelCards', () => {
  it('answer the example card with its compliance computed', async () => {
    const { services } = await hubWithCard();
    const card = await getModelCard(services, MODEL);
    expect(card).toMatchObject({ modelId: MODEL, path: CARD, isExample: true, revision: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(card.body).toContain('## Model summary');
    expect(card.compliance.aiAct).toMatchObject({ complete: true, systemicRisk: false, missing: [] });
    expect(card.compliance.exemption.canApply).toBe(true);
    expect(card.compliance.compute).toMatchObject({ flop: 3.12e19, systemicRiskPresumed: false });
    expect(card.compliance.openness).toMatchObject({ class: 3, missing: { '3': [], '2': ['Evaluation data'] }, ignoredComponents: [] });
    const page = await listModelCards(services, { limit: 10 });
    expect(page).toEqual({
      items: [expect.objectContaining({ modelId: MODEL, revision: card.revision, completeness: { complete: true, systemicRisk: false, documented: 14, required: 14, missing: [] }, openness: { class: 3, label: 'Class III - Open Model' } })],
      next: null,
    });
  });

  it('answer not_found, saying why, for a model without a card and for an unknown model', async () => {
    const { services } = await hubWithCard();
    await registerModelWithoutCard(services);
    expect(await failure(getModelCard(services, 'cardless-1b'))).toMatchObject({ code: 'not_found', details: { reason: 'no_card' }, message: expect.stringMatching(/has no model card/) });
    expect(await failure(getModelCard(services, 'nope'))).toMatchObject({ code: 'not_found', details: { reason: 'no_model' } });
  });
});

describe('checkModelCardGate (the release precondition complete_model_card)', () => {
  it('passes the complete example card, pinned to its revision', async () => {
    const { services } = await hubWithCard();
    const gate = await checkModelCardGate(services.database.db, MODEL);
    expect(gate).toMatchObject({ complete: true, revision: (await getModelCard(services, MODEL)).revision, missing: [] });
    expect(gate.reasons).toEqual([expect.stringMatching(/documents all 14 required fields/)]);
  });

  it('refuses a model without a card, and says so', async () => {
    const { services } = await hubWithCard();
    await registerModelWithoutCard(services);
    expect(await checkModelCardGate(services.database.db, 'cardless-1b')).toEqual({
      complete: false,
      revision: null,
      missing: [],
      reasons: [expect.stringMatching(/"cardless-1b" has no model card/)],
    });
    expect((await checkModelCardGate(services.database.db, 'nope')).reasons).toEqual(['No model has the id "nope".']);
  });

  it('refuses an incomplete card, naming each missing field with its articles', async () => {
    const { services } = await hubWithCard((text) => text.replace(/^acceptable_use_policy: .*\n/m, ''));
    const gate = await checkModelCardGate(services.database.db, MODEL);
    expect(gate).toMatchObject({ complete: false, revision: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(gate.missing).toEqual([expect.objectContaining({ key: 'acceptable_use_policy', articles: ['Annex XI §1(1)(b)', 'Annex XII §1(b)'] })]);
    expect(gate.reasons).toEqual(['Missing: Acceptable-use policy (Annex XI §1(1)(b), Annex XII §1(b)).']);
  });
});

describe('exports of cards that lack something', () => {
  const baseUrl = 'https://agora.example.eu';

  it('mark a missing field as MISSING in the Annex XI/XII documentation', async () => {
    const { services } = await hubWithCard((text) => text.replace(/^acceptable_use_policy: .*\n/m, ''));
    const { body } = await exportModelCard(services, MODEL, 'annex-xi-xii', { baseUrl });
    expect(body).toContain('13 of 14 fields are documented. Missing:** Acceptable-use policy');
    expect(body).toMatch(/### 2\. Acceptable-use policy\n\n[^\n]*\n\n\*\*Status: MISSING\.\*\*/);
    expect(body.match(/\*\*Status:\*\* documented\./g)).toHaveLength(13);
  });

  it('answer conflict for the training summary while the linked cycle is not imported, and still export the rest', async () => {
    const { services } = await hubWithCard();
    for (const format of ['training-summary', 'training-summary.json'])
      expect(await failure(exportModelCard(services, MODEL, format, { baseUrl }))).toMatchObject({ code: 'conflict', details: { reason: 'collection_not_imported', cycle: 'baby' } });
    const readme = (await exportModelCard(services, MODEL, 'huggingface-readme', { baseUrl })).body;
    expect(readme).not.toMatch(/^datasets:/m);
    expect(readme).toContain('generated once the linked collection cycle has been imported');
    await importCollection(services, { actor: systemActor('test'), input: { dir: BABY_DIR } });
    expect((await exportModelCard(services, MODEL, 'training-summary', { baseUrl })).body).toContain('## 1. General information');
  });

  it('answer conflict for the training summary of a card that links no collection', async () => {
    const { services } = await hubWithCard((text) => text.replace(/^ {2}collection: baby\n/m, ''));
    expect(await failure(exportModelCard(services, MODEL, 'training-summary', { baseUrl }))).toMatchObject({ code: 'conflict', details: { reason: 'no_collection' } });
  });

  it('answer invalid for an unknown format, listing the formats', async () => {
    const { services } = await hubWithCard();
    expect(await failure(exportModelCard(services, MODEL, 'pdf', { baseUrl }))).toMatchObject({ code: 'invalid', details: { formats: expect.arrayContaining(['mot', 'huggingface-readme']) } });
  });
});
