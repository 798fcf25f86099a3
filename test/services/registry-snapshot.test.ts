import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCollection } from '../../api/services/collections/import-collection.ts';
import { syncContent } from '../../api/services/content/sync-content.ts';
import { systemActor } from '../../api/services/context.ts';
import { registerModel } from '../../api/services/models.ts';
import { buildRegistrySnapshot } from '../../api/services/registry-snapshot.ts';
import { createRun } from '../../api/services/training-runs.ts';
import { submitReport } from '../../api/services/training-reports.ts';
import { computeSiteFingerprint } from '../../api/site/site-fingerprint.ts';
import { parseSiteSnapshot } from '../../api/site/site-snapshot.ts';
import { createTestHub, type TestHub } from '../helpers/app.ts';
import { BABY_DIR } from '../helpers/collection.ts';
import { copyContent } from '../helpers/content.ts';

let hub: TestHub;
const actor = systemActor('test');

beforeEach(async () => {
  hub = await createTestHub();
  const base = { family: { id: 'test', name: 'Test' }, status: 'training' as const, languages: ['mlt', 'ltg'] };
  await registerModel(hub.services, { actor, input: { id: 'long', version: '1', name: 'Long', cycle: 'baby', ...base } });
  await registerModel(hub.services, { actor, input: { id: 'no-cycle', version: '2', name: 'No cycle', isDemo: true, ...base } });
  await createRun(hub.services, { actor, input: { id: 'run-long', modelId: 'long', hpcSystem: 'LUMI', totalSteps: 2000 } });
  const start = Date.parse('2026-11-01T00:00:00Z');
  await Promise.all(
    Array.from({ length: 1000 }, (_, step) =>
      submitReport(hub.services, {
        actor,
        input: {
          runId: 'run-long',
          report: { id: `r${step}`, at: new Date(start + step * 60_000).toISOString(), state: 'running', step, tokensSeen: step * 100, loss: 5 - step / 1000, events: step === 500 ? [{ kind: 'restart' }] : [] },
        },
      }),
    ),
  );
});
afterEach(() => hub.close());

describe('buildRegistrySnapshot', () => {
  it('thins a long metrics series to 600 evenly spaced points, keeping the first and last, and says how many there are', async () => {
    const snapshot = await buildRegistrySnapshot(hub.services);
    const run = snapshot.trainingRuns.find((r) => r.id === 'run-long')!;
    expect(run.metrics.total).toBe(1000);
    expect(run.metrics.points).toHaveLength(600);
    expect(run.metrics.points[0]!.step).toBe(0);
    expect(run.metrics.points.at(-1)!.step).toBe(999);
    expect(run.events).toEqual([expect.objectContaining({ kind: 'restart', step: 500 })]);
    expect(run).not.toHaveProperty('createdAt');
  });

  it('gives models their checkpoints and coverage, null when the model names no imported cycle', async () => {
    const snapshot = await buildRegistrySnapshot(hub.services);
    const long = snapshot.models.find((m) => m.id === 'long')!;
    // No collection has been imported into this hub, so even the model naming a cycle has none.
    expect(long.coverage).toBeNull();
    expect(snapshot.models.find((m) => m.id === 'no-cycle')).toMatchObject({ isDemo: true, coverage: null, checkpoints: [] });
    expect(snapshot.collections).toEqual({ cycles: [], datasets: [] });
  });

  it('carries the imported collections and each model’s coverage of its cycle', async () => {
    await importCollection(hub.services, { actor, input: { dir: BABY_DIR } });
    const snapshot = await buildRegistrySnapshot(hub.services);
    expect(snapshot.collections.cycles.map((cycle) => cycle.collection.cycle)).toEqual(['baby']);
    expect(snapshot.collections.datasets).toHaveLength(snapshot.collections.cycles[0]!.collection.datasets.length);
    const coverage = snapshot.models.find((m) => m.id === 'long')!.coverage!;
    expect(coverage).toMatchObject({ cycle: 'baby', targets: { kind: 'model', model: 'long' } });
    expect(coverage.languages.map((language) => [language.code, language.gap?.kind ?? null])).toEqual([
      ['mlt', null],
      ['ltg', 'none'],
    ]);
    expect(snapshot.models.find((m) => m.id === 'no-cycle')!.coverage).toBeNull();
    expect(parseSiteSnapshot(JSON.stringify(snapshot), 'with collections').collections.cycles[0]!.matrix.rows.length).toBeGreaterThan(30);
  });

  it('fits the site schema, and has the same fingerprint when only the clock moved', async () => {
    const first = await buildRegistrySnapshot(hub.services);
    hub.clock.advance(3_600_000);
    const later = await buildRegistrySnapshot(hub.services);
    expect(later.generatedAt).not.toBe(first.generatedAt);
    expect(parseSiteSnapshot(JSON.stringify(later), 'later')).toEqual(JSON.parse(JSON.stringify(later)));
    expect(await computeSiteFingerprint(later)).toBe(await computeSiteFingerprint(first));
  });

  it('carries the live model cards with their compliance, and no sync timestamp', async () => {
    const snapshot = await buildRegistrySnapshot(hub.services);
    expect(snapshot.modelCards.map((card) => card.modelId)).toEqual(['agora-demo-1b-v0-1']);
    const card = snapshot.modelCards[0]!;
    expect(card).not.toHaveProperty('updatedAt');
    expect(card).toMatchObject({ isExample: true, path: 'models/agora-demo/0.1.md', compliance: { aiAct: { complete: true }, openness: { class: 3 } } });
    expect(card.body).toContain('## Model summary');
    expect(parseSiteSnapshot(JSON.stringify(snapshot), 'with cards').modelCards).toEqual(JSON.parse(JSON.stringify(snapshot.modelCards)));
  });

  it('changes the fingerprint when a card changes, not when it is synced again unchanged', async () => {
    const content = copyContent();
    try {
      const fingerprint = async () => computeSiteFingerprint(await buildRegistrySnapshot(hub.services));
      const before = await fingerprint();
      hub.clock.advance(60_000);
      await syncContent(hub.services, { actor, input: { contentDir: content.dir } });
      expect(await fingerprint()).toBe(before);

      content.edit('models/agora-demo/0.1.md', (text) => text.replace(/^acceptable_use_policy: .*\n/m, ''));
      await syncContent(hub.services, { actor, input: { contentDir: content.dir } });
      const snapshot = await buildRegistrySnapshot(hub.services);
      expect(snapshot.modelCards[0]!.compliance.aiAct.missing.map((field) => field.key)).toEqual(['acceptable_use_policy']);
      expect(await computeSiteFingerprint(snapshot)).not.toBe(before);
    } finally {
      content.cleanup();
    }
  });
});
