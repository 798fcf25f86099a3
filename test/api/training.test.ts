import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../api/services/context.ts';
import { verifyLedger } from '../../api/services/ledger.ts';
import { registerModel } from '../../api/services/models.ts';
import { createRun } from '../../api/services/training-runs.ts';
import { createTestHub, type TestHub } from '../helpers/app.ts';
import { json } from '../helpers/http.ts';

let hub: TestHub;
let reporter: string;

beforeEach(async () => {
  hub = await createTestHub({ sync: false });
  const actor = systemActor('test');
  await registerModel(hub.services, {
    actor,
    input: { id: 'test-1b', family: { id: 'test', name: 'Test family' }, version: '0.1', name: 'Test 1B', status: 'training', languages: ['mlt'] },
  });
  await createRun(hub.services, { actor, input: { id: 'run-1', modelId: 'test-1b', hpcSystem: 'LUMI', totalSteps: 1000, tokensTarget: 1_000_000 } });
  reporter = await hub.reporterFor('run-1');
});
afterEach(() => hub.close());

const at = (step: number) => new Date(Date.UTC(2026, 10, 1) + step * 60_000).toISOString();
const digestOf = (step: number) => `sha256:${step.toString(16).padStart(8, '0').repeat(8)}`;

function reportFor(step: number, overrides: Record<string, unknown> = {}) {
  return {
    id: `report-${step}`,
    at: at(step),
    state: 'running',
    step,
    tokensSeen: step * 1000,
    loss: 4 - step / 500,
    throughput: 2000,
    ...(step % 100 === 99 ? { checkpoint: { step, tokens: step * 1000, digest: digestOf(step), uri: `s3://ckpt/${step}` } } : {}),
    ...overrides,
  };
}

function post(body: unknown, token = reporter, run = 'run-1') {
  return hub.request(`/api/v1/training-runs/${run}/reports`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function shuffle<T>(items: T[]): T[] {
  let seed = 42;
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe('POST /api/v1/training-runs/{id}/reports', () => {
  it('takes 1,000 concurrent reports with duplicates in shuffled order and ends in the latest state', async () => {
    const reports = Array.from({ length: 1000 }, (_, step) => reportFor(step, step === 999 ? { state: 'paused' } : {}));
    // Every tenth report is sent twice; every checkpoint is also reported by a second replica.
    const replicas = reports.filter((report) => 'checkpoint' in report).map((report) => ({ ...report, id: `${report.id}-replica` }));
    const sends = shuffle([...reports, ...reports.filter((_, i) => i % 10 === 0), ...replicas]);
    const responses = await Promise.all(sends.map((report) => post(report)));
    expect(responses.map((response) => response.status).every((status) => status === 201)).toBe(true);
    const outcomes = await Promise.all(responses.map((response) => response.json() as Promise<{ duplicate: boolean }>));
    expect(outcomes.filter((outcome) => outcome.duplicate)).toHaveLength(100);

    const run = await json(hub.request('/api/v1/training-runs/run-1'));
    expect(run).toMatchObject({ state: 'paused', step: 999, tokensSeen: 999_000, lastReportAt: at(999), startedAt: at(0) });

    const series = await json(hub.request('/api/v1/training-runs/run-1/metrics?limit=5000'));
    expect(series.items.map((point: { step: number }) => point.step)).toEqual(Array.from({ length: 1000 }, (_, step) => step));

    const model = await json(hub.request('/api/v1/models/test-1b'));
    expect(model.checkpoints.map((checkpoint: { step: number }) => checkpoint.step)).toEqual([999, 899, 799, 699, 599, 499, 399, 299, 199, 99]);
    expect(model.checkpoints.every((checkpoint: { status: string }) => checkpoint.status === 'candidate')).toBe(true);
    expect(new Set(model.checkpoints.map((checkpoint: { digest: string }) => checkpoint.digest)).size).toBe(10);
    expect(model.runs[0]).toMatchObject({ id: 'run-1', state: 'paused' });

    const ledger = await verifyLedger(hub.services);
    expect(ledger.ok).toBe(true);
    const events = await json(hub.request('/api/v1/events?limit=1000&after=0'));
    expect(events.items.filter((entry: { type: string }) => entry.type === 'checkpoint.reported')).toHaveLength(10);
    // Reports are entered a batch at a time, yet every accepted one is pinned once, with its digest.
    type Reported = { type: string; data: { reports: { reportId: string; digest: string }[] } };
    const reported = (events.items as Reported[]).filter((entry) => entry.type === 'training_run.reported').flatMap((entry) => entry.data.reports);
    expect(reported.map((entry) => entry.reportId).sort()).toEqual([...reports, ...replicas].map((report) => report.id).sort());
    expect(reported.every((entry) => /^[0-9a-f]{64}$/.test(entry.digest))).toBe(true);
    expect(events.next).toBeNull();
  });

  it('recognises a re-sent report and refuses a reused id with other content', async () => {
    expect((await json(post(reportFor(5)))).duplicate).toBe(false);
    const again = await post(reportFor(5));
    expect(again.status).toBe(201);
    expect((await again.json()) as object).toMatchObject({ duplicate: true, latest: true });
    const reused = await post(reportFor(5, { loss: 1 }));
    expect(reused.status).toBe(409);
    expect((await json(reused)).error.code).toBe('conflict');
  });

  it('keeps a late report as history without moving the run back', async () => {
    await post(reportFor(20));
    const late = await json(post(reportFor(10, { state: 'failed' })));
    expect(late).toMatchObject({ duplicate: false, latest: false, run: { state: 'running', step: 20 } });
  });

  it('refuses a report dated after the run completed', async () => {
    await post(reportFor(30, { state: 'completed' }));
    const after = await post(reportFor(31));
    expect(after.status).toBe(409);
    const before = await post(reportFor(29));
    expect(before.status).toBe(201);
    expect((await json(hub.request('/api/v1/training-runs/run-1'))).state).toBe('completed');
  });

  it('answers 404 for an unknown run', async () => {
    expect((await post(reportFor(1), reporter, 'no-such-run')).status).toBe(404);
  });

  it.each([
    ['a negative step', { step: -1 }, 'step'],
    ['an unknown state', { state: 'exploded' }, 'state'],
    ['a loss given as the string "NaN"', { loss: 'NaN' }, 'loss'],
    ['an infinite loss (1e999)', '1e999', 'loss'],
    ['a fractional step', { step: 1.5 }, 'step'],
    ['an unknown event kind', { events: [{ kind: 'meltdown' }] }, 'events.0.kind'],
    ['an oversize event message', { events: [{ kind: 'failure', message: 'x'.repeat(2001) }] }, 'events.0.message'],
    ['a malformed checkpoint digest', { checkpoint: { step: 1, digest: 'md5:abc' } }, 'checkpoint.digest'],
    ['an unknown field', { colour: 'blue' }, ''],
  ])('refuses %s with 400 naming the field', async (_name, change, field) => {
    const body =
      change === '1e999' ? JSON.stringify(reportFor(1)).replace(/"loss":[^,]+/, '"loss":1e999') : { ...reportFor(1), ...(change as object) };
    const response = await post(body);
    expect(response.status).toBe(400);
    const { error } = await json(response);
    expect(error.code).toBe('invalid');
    expect(error.details.issues.map((issue: { path: string }) => issue.path)).toContain(field);
    expect((await json(hub.request('/api/v1/training-runs/run-1'))).state).toBe('queued');
  });

  it('refuses a literal NaN (not JSON) and an oversize body', async () => {
    const nan = await post(JSON.stringify(reportFor(1)).replace(/"loss":[^,]+/, '"loss":NaN'));
    expect(nan.status).toBe(400);
    expect((await json(nan)).error.code).toBe('invalid');
    const huge = await post({ ...reportFor(1), padding: 'x'.repeat(70 * 1024) });
    expect(huge.status).toBe(413);
    expect((await json(huge)).error.code).toBe('payload_too_large');
  });

  it('lets a reporter token report and nothing beyond', async () => {
    expect((await hub.request('/api/v1/tokens', { headers: { Authorization: `Bearer ${reporter}` } })).status).toBe(403);
    const minted = await hub.request('/api/v1/tokens', {
      method: 'POST',
      headers: { Authorization: `Bearer ${reporter}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'escalation', scopes: ['admin'] }),
    });
    expect(minted.status).toBe(403);
    const writer = await hub.tokenWith('write');
    expect((await post(reportFor(1), writer)).status).toBe(403);
    expect((await hub.request('/api/v1/training-runs/run-1/reports', { method: 'POST', body: '{}' })).status).toBe(401);
  });
});

describe('reading runs and models', () => {
  it('pages the metrics series by step and estimates the ETA', async () => {
    for (const step of [0, 1, 2, 3, 4]) await post(reportFor(step));
    hub.clock.set(at(5));
    const first = await json(hub.request('/api/v1/training-runs/run-1/metrics?limit=2'));
    expect(first.items.map((point: { step: number }) => point.step)).toEqual([0, 1]);
    const second = await json(hub.request(`/api/v1/training-runs/run-1/metrics?limit=2&after=${first.next}`));
    expect(second.items.map((point: { step: number }) => point.step)).toEqual([2, 3]);
    const run = await json(hub.request('/api/v1/training-runs/run-1'));
    // 4,000 of 1,000,000 tokens at 2,000 tokens/s: 498 s after the last report.
    expect(run.progress).toBeCloseTo(0.004);
    expect(Date.parse(run.eta) - Date.parse(at(4))).toBe(498_000);
  });

  it('lists models and runs with filters, and 404s unknown ones', async () => {
    expect((await json(hub.request('/api/v1/models?status=training'))).items.map((model: { id: string }) => model.id)).toEqual(['test-1b']);
    expect((await json(hub.request('/api/v1/models?status=released'))).items).toEqual([]);
    expect((await json(hub.request('/api/v1/training-runs?model=test-1b'))).items).toHaveLength(1);
    expect((await hub.request('/api/v1/models/nope')).status).toBe(404);
    expect((await hub.request('/api/v1/training-runs/nope')).status).toBe(404);
  });

  it('lets a job register its run with a reporter token', async () => {
    const response = await hub.request('/api/v1/training-runs', {
      method: 'POST',
      headers: { Authorization: `Bearer ${reporter}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 'run-2', modelId: 'test-1b', hpcSystem: 'Leonardo' }),
    });
    expect(response.status).toBe(201);
    expect(await json(response)).toMatchObject({ id: 'run-2', state: 'queued', hpcSystem: 'Leonardo' });
    const again = await hub.request('/api/v1/training-runs', {
      method: 'POST',
      headers: { Authorization: `Bearer ${reporter}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 'run-2', modelId: 'test-1b', hpcSystem: 'Leonardo' }),
    });
    expect(again.status).toBe(409);
  });
});
