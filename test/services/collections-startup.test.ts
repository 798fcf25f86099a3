import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tables } from '../../db/index.ts';
import { buildCollectionsSnapshot } from '../../api/services/collections/collections-snapshot.ts';
import { importShippedCollections } from '../../api/services/collections/import-shipped.ts';
import { createLogger } from '../../api/logger.ts';
import { createTestHub, CONTENT_DIR, type TestHub } from '../helpers/app.ts';
import { copyContent } from '../helpers/content.ts';

let hub: TestHub;
let lines: string[];
beforeEach(async () => {
  lines = [];
  hub = await createTestHub();
});
afterEach(() => hub.close());
const logger = () => createLogger({ level: 'debug', write: (line) => lines.push(line) });

describe('importShippedCollections', () => {
  it('imports the shipped cycles into an empty database, once', async () => {
    const summaries = await importShippedCollections(hub.services, logger(), CONTENT_DIR);
    expect(summaries.map((summary) => [summary.cycle, summary.datasets.created])).toEqual([['baby', 11]]);
    expect(lines.map((line) => JSON.parse(line))).toEqual([expect.objectContaining({ level: 'info', msg: 'collection imported', cycle: 'baby', parts: 156 })]);
    expect(await importShippedCollections(hub.services, logger(), CONTENT_DIR)).toEqual([]);
    expect(await hub.database.db.select().from(tables.collections)).toHaveLength(1);
  });

  it('logs a broken cycle instead of failing start-up', async () => {
    const content = copyContent();
    try {
      content.edit('collections/baby/datamix.txt', (text) => text.replace('dclm-1.0/megatron-lm', 'dclm-1.0/megatron-lm/nowhere'));
      expect(await importShippedCollections(hub.services, logger(), content.dir)).toEqual([]);
      const [entry] = lines.map((line) => JSON.parse(line));
      expect(entry).toMatchObject({ level: 'error', msg: 'collection not imported: it is invalid', problems: [expect.stringContaining('dclm-1.0/counts/nowhere')] });
    } finally {
      content.cleanup();
    }
  });
});

describe('buildCollectionsSnapshot', () => {
  it('gives the site the datasets, each cycle with its coverage and matrix, as plain JSON', async () => {
    await importShippedCollections(hub.services, logger(), CONTENT_DIR);
    const snapshot = await buildCollectionsSnapshot(hub.services);
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    expect(snapshot.languages).toHaveLength(37);
    expect(snapshot.datasets.map((dataset) => dataset.id)).toHaveLength(11);
    const [baby] = snapshot.cycles;
    expect(baby!.collection.datasets).toHaveLength(11);
    expect(baby!.coverage.languages).toHaveLength(37);
    expect(baby!.matrix.rows.map((row) => row.code)).toContain('kat');
    expect(baby!.matrix.datasets).toContain('hplt-3.0');
    expect(baby!.matrix.rows.every((row) => row.cells.length === baby!.matrix.datasets.length)).toBe(true);
  });
});
