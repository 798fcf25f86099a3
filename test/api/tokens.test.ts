import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../db/index.ts';
import { createTestHub, type TestHub } from '../helpers/app.ts';
import { dumpDatabase } from '../helpers/dump.ts';
import { json } from '../helpers/http.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await createTestHub({ sync: false });
});
afterAll(() => hub.close());

const bearer = (secret: string) => ({ Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' });

describe('/api/v1/tokens', () => {
  it('issues a token to an admin, shows the secret once and stores only its hash', async () => {
    const admin = await hub.tokenWith('admin');
    const response = await hub.request('/api/v1/tokens', {
      method: 'POST',
      headers: bearer(admin),
      body: JSON.stringify({ name: 'LUMI reporter', scopes: ['reporter'] }),
    });
    expect(response.status).toBe(201);
    const { token, secret } = await json(response);
    expect(secret).toMatch(/^agora_[\w-]{43}$/);
    expect(token).toMatchObject({ name: 'LUMI reporter', scopes: ['reporter'], revokedAt: null });
    expect(token).not.toHaveProperty('secretHash');

    const stored = JSON.stringify(await dumpDatabase(hub.database));
    expect(stored).not.toContain(secret);
    const [row] = await hub.database.db.select().from(tables.apiTokens).where(eq(tables.apiTokens.id, token.id));
    expect(row!.secretHash).toMatch(/^[0-9a-f]{64}$/);

    const listed = await json(hub.request('/api/v1/tokens', { headers: bearer(admin) }));
    expect(listed.items.map((item: { id: string }) => item.id)).toContain(token.id);
    expect(JSON.stringify(listed)).not.toContain(secret);
  });

  it('refuses tokens without the admin scope, in the service whatever the route', async () => {
    const writer = await hub.tokenWith('write');
    const response = await hub.request('/api/v1/tokens', { headers: bearer(writer) });
    expect(response.status).toBe(403);
    expect((await json(response)).error).toMatchObject({ code: 'forbidden', details: { scope: 'admin' } });
  });

  it('stops accepting a revoked token and records both acts in the ledger', async () => {
    const admin = await hub.tokenWith('admin');
    const issued = await json(hub.request('/api/v1/tokens', { method: 'POST', headers: bearer(admin), body: JSON.stringify({ name: 'victim', scopes: ['write'] }) }));
    const victim = issued.secret as string;
    expect((await hub.request('/api/v1/organizations', { headers: bearer(victim) })).status).toBe(200);
    const { items } = await json(hub.request('/api/v1/tokens', { headers: bearer(admin) }));
    // Tokens issued at the same instant are listed by id, not in the order issued: find it by name.
    const id = items.find((token: { name: string }) => token.name === 'victim').id;
    const revoked = await hub.request(`/api/v1/tokens/${id}`, { method: 'DELETE', headers: bearer(admin) });
    expect(revoked.status).toBe(200);
    expect((await hub.request(`/api/v1/tokens/${id}`, { method: 'DELETE', headers: bearer(admin) })).status).toBe(409);
    expect((await hub.request('/api/v1/organizations', { headers: bearer(victim) })).status).toBe(401);
    const events = await json(hub.request('/api/v1/events?limit=1000'));
    const types = events.items.filter((entry: { subject: string }) => entry.subject === `token:${id}`).map((entry: { type: string }) => entry.type);
    expect(types).toEqual(['token.created', 'token.revoked']);
  });

  it('refuses an expired token', async () => {
    const admin = await hub.tokenWith('admin');
    const created = await json(
      hub.request('/api/v1/tokens', {
        method: 'POST',
        headers: bearer(admin),
        body: JSON.stringify({ name: 'short-lived', scopes: ['write'], expiresAt: '2026-11-25T10:00:00Z' }),
      }),
    );
    expect((await hub.request('/api/v1/organizations', { headers: bearer(created.secret) })).status).toBe(200);
    hub.clock.advance(2 * 60 * 60 * 1000);
    expect((await hub.request('/api/v1/organizations', { headers: bearer(created.secret) })).status).toBe(401);
  });
});
