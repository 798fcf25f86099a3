import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANNEX_XI_XII_FIELDS, checkAiActCompleteness } from '../../api/domain/model-cards/ai-act-completeness.ts';
import type { ModelCardFrontMatter } from '../../api/domain/model-cards/card-schema.ts';
import { readModelCards } from '../../api/services/content/read-model-cards.ts';
import { syncContent } from '../../api/services/content/sync-content.ts';
import { systemActor } from '../../api/services/context.ts';
import { AppError } from '../../api/services/errors.ts';
import { CONTENT_DIR } from '../helpers/app.ts';
import { copyContent } from '../helpers/content.ts';
import { createTestClock } from '../helpers/clock.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { dumpDatabase } from '../helpers/dump.ts';

/** How to take each Annex XI/XII field out of a card, and only that field. */
const REMOVE: Record<string, (card: ModelCardFrontMatter) => void> = {
  intended_tasks: (card) => delete card.integration_types,
  acceptable_use_policy: (card) => delete card.acceptable_use_policy,
  release: (card) => delete card.release!.date,
  architecture: (card) => delete card.architecture!.parameters,
  modalities: (card) => delete card.modalities!.format,
  licence: (card) => delete card.licence,
  interaction: (card) => delete card.integration!.interacts_with,
  software_versions: (card) => delete card.integration!.software,
  technical_means: (card) => delete card.integration!.technical_means,
  input_size: (card) => delete card.architecture!.context_window,
  design_specifications: (card) => delete card.training!.design_choices,
  training_data: (card) => delete card.data!.bias_detection,
  computational_resources: (card) => delete card.compute!.flop,
  energy: (card) => delete card.energy,
};

async function exampleCard(): Promise<ModelCardFrontMatter> {
  const { cards, problems } = await readModelCards(CONTENT_DIR);
  expect(problems).toEqual([]);
  const card = cards.find((candidate) => candidate.frontMatter.example);
  expect(card, 'the shipped example card').toBeTruthy();
  return structuredClone(card!.frontMatter);
}

describe('the shipped example card', () => {
  it('is complete for Annex XI §1 and Annex XII', async () => {
    expect(checkAiActCompleteness(await exampleCard())).toMatchObject({ complete: true, missing: [] });
  });

  it('covers every field with a removal', () => {
    expect(Object.keys(REMOVE).sort()).toEqual(ANNEX_XI_XII_FIELDS.map((field) => field.key).sort());
  });

  it.each(Object.keys(REMOVE))('reports exactly "%s" missing when it is removed', async (key) => {
    const card = await exampleCard();
    REMOVE[key]!(card);
    const result = checkAiActCompleteness(card);
    expect(result.complete).toBe(false);
    expect(result.missing.map((field) => field.key)).toEqual([key]);
    expect(result.missing[0]!.articles.length).toBeGreaterThan(0);
  });
});

describe('syncing model cards', () => {
  let content: ReturnType<typeof copyContent>;
  beforeEach(() => {
    content = copyContent();
  });
  afterEach(() => content.cleanup());

  it('registers the model a card describes, with its revision', async () => {
    const database = await createTestDatabase();
    const services = { database, clock: createTestClock() };
    const summary = await syncContent(services, { actor: systemActor('test'), input: { contentDir: content.dir } });
    expect(summary.modelCards.created).toBe(1);
    const dump = await dumpDatabase(database);
    expect(dump.models).toEqual([expect.objectContaining({ id: 'agora-demo-1b-v0-1', status: 'candidate', parameters: 1_240_000_000, cycle: 'baby', isDemo: true })]);
    expect(dump.model_cards).toEqual([expect.objectContaining({ modelId: 'agora-demo-1b-v0-1', revision: expect.stringMatching(/^[0-9a-f]{64}$/), isExample: true })]);
    database.close();
  });

  it.each([
    ['a wrong type', (text: string) => text.replace('parameters: 1240000000', 'parameters: one billion'), 'architecture.parameters', /number/],
    ['an unknown field', (text: string) => text.replace('acceptable_use_policy:', 'acceptable_usage:'), 'acceptable_usage', /unknown field/],
    ['an unknown status', (text: string) => text.replace('status: candidate', 'status: shipped'), 'status', /expected one of planned/],
    ['a language that is not a target', (text: string) => text.replace('languages: [bul,', 'languages: [xyz,'), 'languages[0]', /target language/],
    ['a version that is not the file name', (text: string) => text.replace('version: "0.1"', 'version: "0.2"'), 'version', /file name/],
  ])('fails sync on %s, naming file and field, and changes nothing', async (_name, change, field, message) => {
    content.edit('models/agora-demo/0.1.md', change);
    const database = await createTestDatabase();
    const services = { database, clock: createTestClock() };
    const before = await dumpDatabase(database);
    const error = await syncContent(services, { actor: systemActor('test'), input: { contentDir: content.dir } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    const problems = ((error as AppError).details as { problems: { file: string; field?: string; message: string; line?: number }[] }).problems;
    expect(problems).toEqual([expect.objectContaining({ file: expect.stringMatching(/models\/agora-demo\/0\.1\.md$/), field, message: expect.stringMatching(message) })]);
    expect(await dumpDatabase(database)).toEqual(before);
    database.close();
  });
});
