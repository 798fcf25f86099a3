import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../api/services/context.ts';
import { verifyLedger } from '../../api/services/ledger.ts';
import { registerModel } from '../../api/services/models.ts';
import { getRun, createRun } from '../../api/services/training-runs.ts';
import { authenticateToken } from '../../api/services/tokens.ts';
import { submitReport } from '../../api/services/training-reports.ts';
import { createTestHub, type TestHub } from '../helpers/app.ts';

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
const report = (step: number, overrides: Record<string, unknown> = {}) => ({ id: `report-${step}`, at: at(step), state: 'running', step, tokensSeen: step * 1000, events: [], ...overrides });

/** The body as a job would send it: JSON text, where a lone surrogate can only be written as an escape. */
function post(jsonText: string) {
  return hub.request('/api/v1/training-runs/run-1/reports', {
    method: 'POST',
    headers: { Authorization: `Bearer ${reporter}`, 'Content-Type': 'application/json' },
    body: jsonText,
  });
}

describe('hostile training reports', () => {
  it('refuses a lone surrogate in the id or an event message, naming the field, and the run stays readable', async () => {
    const loneInId = `{"id":"step-\\ud800","at":"${at(1)}","state":"running","step":1,"tokensSeen":1000}`;
    const loneInEvent = `{"id":"step-2","at":"${at(2)}","state":"running","step":2,"tokensSeen":2000,"events":[{"kind":"restart","message":"oops \\udfff"}]}`;
    for (const [body, path] of [
      [loneInId, 'id'],
      [loneInEvent, 'events.0.message'],
    ] as const) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
      const problem = (await response.json()) as { error: { code: string; details: { issues: { path: string; message: string }[] } } };
      expect(problem.error.code).toBe('invalid');
      expect(problem.error.details.issues).toEqual([{ in: 'json', path, message: 'expected well-formed text: it holds a lone UTF-16 surrogate' }]);
      // Sent again: the same refusal, never a crash.
      expect((await post(body)).status).toBe(400);
    }
    expect((await hub.request('/api/v1/training-runs/run-1')).status).toBe(200);
    expect((await hub.request('/api/v1/training-runs/run-1/metrics')).status).toBe(200);
  });

  it('refuses a NUL in a report id, first time and re-sent, with a 400 rather than a 500', async () => {
    const body = JSON.stringify(report(3, { id: 'step\u00003' }));
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid');
    }
  });

  it('refuses a report dated hours ahead of the hub, which would otherwise stop the run moving for good', async () => {
    const ahead = new Date(hub.clock().getTime() + 3 * 60 * 60 * 1000).toISOString();
    const response = await post(JSON.stringify(report(5, { at: ahead })));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/ahead of the hub's clock/);
    // Within an hour is a clock that drifts, not a report from the future.
    const soon = new Date(hub.clock().getTime() + 10 * 60 * 1000).toISOString();
    expect((await post(JSON.stringify(report(6, { at: soon })))).status).toBe(201);
  });

  it('answers a report whose ETA no date can hold with a 201 and no ETA, not a 500', async () => {
    const response = await post(JSON.stringify(report(7, { at: at(7), throughput: 5e-324 })));
    expect(response.status).toBe(201);
    expect(((await response.json()) as { run: { eta: string | null } }).run.eta).toBeNull();
  });

  it('records every innocent report of a batch when one of them cannot be stored, and gives that one its own error', async () => {
    // Through the service, as a bot or the CLI would: no HTTP validation in front of the database's own check.
    const actor = await authenticateToken(hub.services, reporter);
    const reports = Array.from({ length: 20 }, (_, index) => report(index + 1));
    reports[7] = report(8, { events: [{ kind: 'restart', message: 'lone \ud800 surrogate' }] });
    const outcomes = await Promise.allSettled(reports.map((item) => submitReport(hub.services, { actor, input: { runId: 'run-1', report: item as never } })));
    const refused = outcomes.flatMap((outcome, index) => (outcome.status === 'rejected' ? [{ index, reason: outcome.reason as { code?: string; message: string } }] : []));
    expect(refused.map(({ index }) => index), String(refused[0]?.reason.message)).toEqual([7]);
    expect(refused[0]!.reason.code).toBe('invalid');
    expect(refused[0]!.reason.message).toMatch(/well-formed Unicode without NUL/);
    const run = await getRun(hub.services, 'run-1');
    expect(run.step).toBe(20);
    expect((await verifyLedger(hub.services)).ok).toBe(true);
  });
});
