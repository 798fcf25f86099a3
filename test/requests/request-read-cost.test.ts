import { count, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../db/index.ts';
import { anonymous, type ServiceContext } from '../../api/services/context.ts';
import { exportRequestsCsv } from '../../api/services/requests/export-requests.ts';
import { listRequests } from '../../api/services/requests/list-requests.ts';
import { countingReads } from '../helpers/counting-reads.ts';
import { fileRequestMix } from '../helpers/request-mix.ts';
import { createRequestHub, member } from '../helpers/requests.ts';

// What a read of requests asks of the database, counted on the real libSQL client: statements sent
// and rows returned. A page reads its own rows (and their pauses and history), not the table; the
// export reads each request once, in a number of statements that grows with pages, not with rows.

const COUNT = 600;

let hub: Awaited<ReturnType<typeof createRequestHub>>;
let counting: Awaited<ReturnType<typeof countingReads>>;
let ctx: ServiceContext;
let pauses: number;
let activity: number;
beforeAll(async () => {
  hub = await createRequestHub();
  await fileRequestMix(hub.services, hub.clock, COUNT);
  counting = await countingReads(hub.database);
  ctx = { ...hub.services, database: counting.database };
  const db = hub.database.db;
  pauses = (await db.select({ n: count() }).from(tables.requestPauses))[0]!.n;
  activity = (await db.select({ n: count() }).from(tables.requestActivity))[0]!.n;
  expect(pauses).toBeGreaterThan(0);
  expect((await db.select({ n: count() }).from(tables.requests).where(isNotNull(tables.requests.answeredAt)))[0]!.n).toBeGreaterThan(0);
}, 180_000);
afterAll(() => hub.close());

describe('a page of requests', () => {
  it('reads its own rows, not the table, with a few statements', async () => {
    for (const filter of [{}, { type: 'inspection' as const }, { overdue: true }, { overdue: false, state: 'submitted' }]) {
      const page = await listRequests(ctx, { actor: anonymous, filter: { ...filter, limit: 10 } });
      const cost = await counting.measure(() => listRequests(ctx, { actor: anonymous, filter: { ...filter, cursor: page.next ?? undefined, limit: 10 } }));
      // Eleven requests (one to know whether a next page exists) and at most one pause each.
      expect(cost.rows, JSON.stringify(filter)).toBeLessThanOrEqual(11 + 11);
      expect(cost.statements, JSON.stringify(filter)).toBeLessThanOrEqual(3);
    }
  });

  it('reads the history of the requests it shows in full, still in a few statements', async () => {
    const cost = await counting.measure(() => listRequests(ctx, { actor: member('lawyer'), filter: { limit: 10 } }));
    expect(cost.statements).toBeLessThanOrEqual(5);
    expect(cost.rows).toBeLessThan(COUNT / 4);
  });
});

describe('the CSV export of requests', () => {
  it('reads each request once, in statements that grow with pages, not rows', async () => {
    for (const actor of [anonymous, member('secretary')]) {
      let csv = '';
      const cost = await counting.measure(async () => (csv = await exportRequestsCsv(ctx, { actor, filter: {} })));
      expect(csv.trimEnd().split('\r\n')).toHaveLength(COUNT + 1);
      // One statement for the requests, one for the reader's roles, one per chunk of 500 for pauses.
      expect(cost.statements).toBeLessThanOrEqual(2 + Math.ceil(COUNT / 500));
      // The CSV has no history: no request_activity rows are read.
      expect(cost.rows).toBeLessThanOrEqual(COUNT + pauses + 10);
      expect(cost.rows).toBeLessThan(COUNT + activity);
    }
  });

  it('costs twice as much for twice the rows (linear, not quadratic)', async () => {
    const half = await counting.measure(() => exportRequestsCsv(ctx, { actor: anonymous, filter: { type: 'dataset' } }));
    const whole = await counting.measure(() => exportRequestsCsv(ctx, { actor: anonymous, filter: {} }));
    // A third of the requests are datasets: the whole export reads about three times the rows.
    expect(whole.rows).toBeLessThanOrEqual(4 * half.rows);
    expect(whole.statements).toBeLessThanOrEqual(half.statements + 2);
  });
});
