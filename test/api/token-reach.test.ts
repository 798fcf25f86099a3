import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { systemActor, type ServiceContext } from '../../api/services/context.ts';
import { registerModel } from '../../api/services/models.ts';
import { createToken, revokeToken } from '../../api/services/tokens.ts';
import type { TokenScope } from '../../api/domain/vocabulary.ts';
import { openDatabase } from '../../db/index.ts';
import { createTestClock } from '../helpers/clock.ts';
import { createTestDatabaseFile } from '../helpers/database.ts';
import { createRequestHub, sampleRequest } from '../helpers/requests.ts';

const system = systemActor('test');
const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 8, minute)).toISOString();

/** Tokens reach only what they are for: their runs, their scope, and nothing once revoked. */
describe('what a token may reach', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  async function hubOnFile() {
    const file = await createTestDatabaseFile();
    cleanups.push(file.cleanup);
    const services: ServiceContext = { database: file.database, clock: createTestClock('2026-11-25T09:00:00.000Z') };
    const app = createApp({ services });
    const token = async (scopes: TokenScope[], extra: { runIds?: string[] } = {}) =>
      (await createToken(services, { actor: system, input: { name: scopes.join('+'), scopes, ...extra } })).secret;
    const call = (secret: string, path: string, body?: unknown) =>
      app.request(path, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    await registerModel(services, {
      actor: system,
      input: { id: 'm-1b', family: { id: 'm', name: 'M family' }, version: '0.1', name: 'M 1B', status: 'training', languages: ['mlt'] },
    });
    return { file, services, app, token, call };
  }
  const report = (id: string, extra: Record<string, unknown> = {}) => ({ id, at: at(1), state: 'running', step: 10, tokensSeen: 1000, ...extra });

  it('binds a reporter token to the runs it registered or was granted', async () => {
    const { token, call } = await hubOnFile();
    const jobA = await token(['reporter']);
    const jobB = await token(['reporter']);
    expect((await call(jobA, '/api/v1/training-runs', { id: 'run-a', modelId: 'm-1b', hpcSystem: 'LUMI' })).status).toBe(201);
    expect((await call(jobB, '/api/v1/training-runs', { id: 'run-b', modelId: 'm-1b', hpcSystem: 'Leonardo' })).status).toBe(201);

    expect((await call(jobA, '/api/v1/training-runs/run-a/reports', report('a-1'))).status).toBe(201);
    // Another job's run: neither marked completed nor given a checkpoint.
    const completion = report('hijack', { state: 'completed', step: 99, checkpoint: { step: 99, digest: `sha256:${'ab'.repeat(32)}`, uri: 'https://evil.example/weights' } });
    const refused = await call(jobA, '/api/v1/training-runs/run-b/reports', completion);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/only to the runs it registered or was granted/) });
    const runB = (await (await call(jobB, '/api/v1/training-runs/run-b')).json()) as { state: string };
    expect(runB.state).toBe('queued');
    expect(((await (await call(jobB, '/api/v1/models/m-1b')).json()) as { checkpoints: unknown[] }).checkpoints).toEqual([]);

    // A grant made by an admin, and an admin token itself, reach run-b.
    const granted = await token(['reporter'], { runIds: ['run-b'] });
    expect((await call(granted, '/api/v1/training-runs/run-b/reports', report('b-1'))).status).toBe(201);
    expect((await call(await token(['admin']), '/api/v1/training-runs/run-b/reports', report('b-2', { step: 11 }))).status).toBe(201);
  });

  it('refuses a checkpoint URI that is a script rather than a place', async () => {
    const { token, call } = await hubOnFile();
    const job = await token(['reporter']);
    await call(job, '/api/v1/training-runs', { id: 'run-a', modelId: 'm-1b', hpcSystem: 'LUMI' });
    const response = await call(job, '/api/v1/training-runs/run-a/reports', report('x', { checkpoint: { step: 10, digest: `sha256:${'cd'.repeat(32)}`, uri: 'javascript:alert(1)' } }));
    expect(response.status).toBe(400);
  });

  it('refuses an empty memberId with a 400 naming the field', async () => {
    const { token, call } = await hubOnFile();
    const response = await call(await token(['admin']), '/api/v1/tokens', { name: 'empty member', scopes: ['write'], memberId: '' });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('memberId');
  });

  it('stops a token revoked by another process at its next write, and it mints no successor', async () => {
    const { file, token, call } = await hubOnFile();
    const admin = await token(['admin']);
    // Used once here, so this process has it cached as valid.
    expect((await call(admin, '/api/v1/tokens')).status).toBe(200);
    const cli = await openDatabase({ url: file.url });
    const { items } = (await (await call(admin, '/api/v1/tokens')).json()) as { items: { id: string; scopes: string[] }[] };
    const adminId = items.find((item) => item.scopes.includes('admin'))!.id;
    await revokeToken({ database: cli, clock: () => new Date('2026-11-25T09:00:00.000Z') }, { actor: system, input: { id: adminId } });
    cli.close();
    const minted = await call(admin, '/api/v1/tokens', { name: 'successor', scopes: ['admin'] });
    expect(minted.status).toBe(401);
    const after = (await (await call(await token(['admin']), '/api/v1/tokens')).json()) as { items: { name: string }[] };
    expect(after.items.map((item) => item.name)).not.toContain('successor');
  });
});

describe('a member token with the reporter scope only', () => {
  let hub: Awaited<ReturnType<typeof createRequestHub>>;
  afterEach(() => hub.close());

  it('does not act for the member: files no request and touches none of theirs', async () => {
    hub = await createRequestHub();
    const filed = (await (await hub.as('requester', '/api/v1/requests', { method: 'POST', body: sampleRequest('dataset') })).json()) as { id: string };
    const { secret } = await createToken(hub.services, { actor: system, input: { name: 'job of requester', scopes: ['reporter'], memberId: 'requester' } });
    const call = (path: string, body: unknown) =>
      hub.app.request(path, { method: 'POST', headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect((await call('/api/v1/requests', sampleRequest('inspection'))).status).toBe(403);
    expect((await call(`/api/v1/requests/${filed.id}/comments`, { body: 'from a reporter token' })).status).toBe(403);
    expect((await call(`/api/v1/requests/${filed.id}/transitions`, { transition: 'withdraw', comment: 'not me' })).status).toBe(403);
  });
});
