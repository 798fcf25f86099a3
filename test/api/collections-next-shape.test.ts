import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCollection } from '../../api/services/collections/import-collection.ts';
import { systemActor } from '../../api/services/context.ts';
import { createTestHub, type TestHub } from '../helpers/app.ts';
import { NEXT_SHAPE_DIR } from '../helpers/collection.ts';
import { json } from '../helpers/http.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await createTestHub();
  await importCollection(hub.services, { actor: systemActor('test'), input: { dir: NEXT_SHAPE_DIR, skipInvalid: true } });
});
afterAll(() => hub.close());

const codes = (warnings: { code: string }[]) => warnings.map((warning) => warning.code).sort();

describe('the API on a cycle in the newer shape', () => {
  it('lists the cycle with its warnings and notes counted apart', async () => {
    const body = await json(hub.request('/api/v1/collections'));
    expect(body.items).toEqual([expect.objectContaining({ cycle: 'flag-synthetic', name: 'flag-synthetic', date: null, datasetCount: 7, noteCount: 5 })]);
    expect(body.items[0].warningCount).toBeGreaterThan(10);
  });

  it('answers the cycle with its notes, and each dataset with the warnings about it', async () => {
    const body = await json(hub.request('/api/v1/collections/flag-synthetic'));
    expect(body.notes.map((note: { path: string }) => note.path)).toEqual(['etc', 'evaluation', 'languages.txt', 'README.md', 'sample']);
    expect(codes(body.warnings)).toEqual(expect.arrayContaining(['cycle_metadata_missing', 'skipped_dataset', 'text_replaced']));
    expect(body.warnings.some((warning: { code: string }) => warning.code === 'not_a_dataset')).toBe(false);
    const culturax = body.datasets.find((dataset: { id: string }) => dataset.id === 'culturax-1.0');
    expect(culturax).toMatchObject({ name: 'culturax-1.0', url: null, huggingface: null });
    expect(codes(culturax.warnings)).toEqual(['name_missing', 'source_unknown']);
    const hplt = body.datasets.find((dataset: { id: string }) => dataset.id === 'hplt-3.1');
    expect(codes(hplt.warnings)).toEqual(['unmixed_counts']);
  });

  it('answers a dataset with the warnings about it in each cycle', async () => {
    const body = await json(hub.request('/api/v1/datasets/starcoder2-0.1'));
    expect(body).toMatchObject({ id: 'starcoder2-0.1', name: '<script>alert(1)</script>' });
    expect(body.cycles).toEqual([expect.objectContaining({ cycle: 'flag-synthetic', warnings: [expect.objectContaining({ code: 'markup_in_text' })] })]);
  });
});
