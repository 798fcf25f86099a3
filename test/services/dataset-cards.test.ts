import { rmSync, writeFileSync } from 'node:fs';
import { asc } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tables } from '../../db/index.ts';
import type { ContentProblem } from '../../api/services/content/content-problems.ts';
import { syncContent } from '../../api/services/content/sync-content.ts';
import { systemActor, type ServiceContext } from '../../api/services/context.ts';
import { AppError } from '../../api/services/errors.ts';
import { createTestClock } from '../helpers/clock.ts';
import { copyContent } from '../helpers/content.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { dumpDatabase } from '../helpers/dump.ts';

let services: ServiceContext;
let content: ReturnType<typeof copyContent>;
beforeEach(async () => {
  services = { database: await createTestDatabase(), clock: createTestClock() };
  content = copyContent();
});
afterEach(() => {
  services.database.close();
  content.cleanup();
});

const sync = () => syncContent(services, { actor: systemActor('test'), input: { contentDir: content.dir } });
const cards = () => services.database.db.select().from(tables.datasetCards).orderBy(asc(tables.datasetCards.datasetId));
async function problems(): Promise<ContentProblem[]> {
  const error = await sync().then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return ((error as AppError).details as { problems: ContentProblem[] }).problems;
}

describe('dataset cards', () => {
  it('syncs the shipped cards, one ledger entry each, and nothing the second time', async () => {
    const summary = await sync();
    expect(summary.datasetCards).toEqual({ created: 11, updated: 0, archived: 0, unchanged: 0 });
    const stored = await cards();
    expect(stored.find((card) => card.datasetId === 'dclm-1.0')).toMatchObject({ licence: 'CC-BY-4.0', redistributable: true, content: 'text', language: 'eng_Latn' });
    expect(stored.find((card) => card.datasetId === 'starcoder-0.0.0')).toMatchObject({ licence: null, redistributable: null, content: 'code', language: null });
    const entries = await services.database.db.select().from(tables.ledger);
    expect(entries.filter((entry) => entry.type === 'dataset_card.created').map((entry) => entry.subject)).toContain('dataset_card:nemotron-cc-tower+-0.1');
    expect((await sync()).datasetCards).toEqual({ created: 0, updated: 0, archived: 0, unchanged: 11 });
  });

  it('records a changed card with its field and archives a removed one', async () => {
    await sync();
    content.edit('datasets/hplt-3.0.yaml', (text) => text.replace('licence: null', 'licence: CC0-1.0'));
    rmSync(`${content.dir}/datasets/finemath-0.0.0.yaml`);
    const summary = await sync();
    expect(summary.datasetCards).toMatchObject({ updated: 1, archived: 1 });
    const [updated] = (await services.database.db.select().from(tables.ledger)).filter((entry) => entry.type === 'dataset_card.updated');
    expect(updated).toMatchObject({ subject: 'dataset_card:hplt-3.0' });
    expect(JSON.parse(updated!.data).fields).toEqual(['licence']);
    expect((await cards()).find((card) => card.datasetId === 'finemath-0.0.0')!.archivedAt).not.toBeNull();
  });

  it.each([
    { name: 'a redistributable that is not true, false or unknown', file: 'dclm-1.0.yaml', change: (t: string) => t.replace('redistributable: true', 'redistributable: maybe'), field: 'redistributable', message: /true, false \(inspection only\) or unknown/ },
    { name: 'a language on a code dataset', file: 'starcoder-0.0.0.yaml', change: (t: string) => t.replace('content: code', 'content: code\nlanguage: eng_Latn'), field: 'language', message: /code dataset has no natural language/ },
    { name: 'a malformed variant', file: 'dclm-1.0.yaml', change: (t: string) => t.replace('language: eng_Latn', 'language: English'), field: 'language', message: /ISO 639-3 code and an ISO 15924 script/ },
    { name: 'an unknown field', file: 'dclm-1.0.yaml', change: (t: string) => `${t}licence_url: x\n`, field: 'licence_url', message: /unknown field/ },
    { name: 'a missing licence decision', file: 'dclm-1.0.yaml', change: (t: string) => t.replace('licence: CC-BY-4.0\n', ''), field: 'licence', message: /^missing/ },
  ])('refuses $name, naming file and field, and changes nothing', async ({ file, change, field, message }) => {
    await sync();
    const before = await dumpDatabase(services.database);
    content.edit(`datasets/${file}`, change);
    const found = await problems();
    expect(found).toEqual([expect.objectContaining({ file: `${content.dir}/datasets/${file}`, field, message: expect.stringMatching(message) })]);
    expect(found[0]!.line).toBeGreaterThan(0);
    expect(await dumpDatabase(services.database)).toEqual(before);
  });

  it('refuses a card whose file name cannot be a dataset id', async () => {
    writeFileSync(`${content.dir}/datasets/My Dataset.yaml`, 'licence: null\nredistributable: unknown\n');
    expect(await problems()).toEqual([expect.objectContaining({ message: expect.stringMatching(/file name must be a dataset id/) })]);
  });
});
