import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHub, type TestHub } from '../helpers/app.ts';
import { json } from '../helpers/http.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await createTestHub();
});
afterAll(() => hub.close());

describe('ledger over HTTP', () => {
  it('feeds events after a sequence number, page by page', async () => {
    const first = await json(hub.request('/api/v1/events?after=0&limit=10'));
    expect(first.items.map((entry: { seq: number }) => entry.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(first.next).toBe('10');
    const second = await json(hub.request(`/api/v1/events?after=${first.next}&limit=10`));
    expect(second.items[0].seq).toBe(11);
    expect(second.items[0].prevHash).toBe(first.items[9].hash);
    const all = await json(hub.request('/api/v1/events?limit=1000'));
    expect(all.next).toBeNull();
    expect(all.items.at(-1).type).toBeTruthy();
  });

  it('verifies the chain, then names the entry altered directly in the database', async () => {
    const intact = await json(hub.request('/api/v1/ledger/verify'));
    expect(intact).toMatchObject({ ok: true, head: { seq: expect.any(Number) } });
    const total = intact.checked;
    expect(total).toBeGreaterThan(20);

    await hub.database.exclusive(({ db }) => db.run(sql`update ledger set data = '{"digest":"forged"}' where seq = 17`));
    const broken = await json(hub.request('/api/v1/ledger/verify'));
    expect(broken).toEqual({
      ok: false,
      checked: 16,
      firstBad: { seq: 17, problem: 'hash_mismatch', message: expect.stringContaining('#17') },
    });
  });
});
