import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables, type DatabaseHandle } from '../../../db/index.ts';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import { computeDeadline } from '../../domain/requests/deadlines.ts';
import { overdueAt } from './overdue-condition.ts';

// The SQL overdue flag says what the domain's computeDeadline says, for every kind of request and at
// the instants where the answer changes (a millisecond before, at and after the due instant).

type Case = { id: string; filedAt: string; periodDays: number; answeredAt?: string; pauses?: [string, string | null][] };

const CASES: Case[] = [
  { id: 'plain', filedAt: '2026-11-25T09:00:00.000Z', periodDays: 30 },
  { id: 'short', filedAt: '2026-11-25T09:00:00.123Z', periodDays: 14 },
  { id: 'whole-seconds', filedAt: '2026-11-25T09:00:00Z', periodDays: 14 },
  { id: 'offset', filedAt: '2026-11-25T10:30:00.500+01:00', periodDays: 10 },
  { id: 'answered-late', filedAt: '2026-10-01T00:00:00.000Z', periodDays: 14, answeredAt: '2026-11-01T00:00:00.000Z' },
  { id: 'answered-in-time', filedAt: '2026-11-01T00:00:00.000Z', periodDays: 30, answeredAt: '2026-11-02T00:00:00.000Z' },
  { id: 'paused-now', filedAt: '2026-10-01T00:00:00.000Z', periodDays: 14, pauses: [['2026-10-03T00:00:00.000Z', null]] },
  { id: 'paused-once', filedAt: '2026-11-20T08:00:00.000Z', periodDays: 14, pauses: [['2026-11-22T08:00:00.000Z', '2026-11-25T17:30:00.250Z']] },
  {
    id: 'paused-twice',
    filedAt: '2026-11-20T08:00:00.000Z',
    periodDays: 30,
    pauses: [
      ['2026-11-21T08:00:00.000Z', '2026-11-21T09:00:00.001Z'],
      ['2026-11-30T00:00:00.000Z', '2026-12-04T12:00:00.000Z'],
    ],
  },
  { id: 'resumed-then-paused', filedAt: '2026-09-01T00:00:00.000Z', periodDays: 14, pauses: [['2026-09-02T00:00:00.000Z', '2026-09-03T00:00:00.000Z'], ['2026-09-20T00:00:00.000Z', null]] },
];

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
  for (const { id, filedAt, periodDays, answeredAt, pauses } of CASES) await database.write(async (tx) => {
    await tx.insert(tables.requests).values({
      id,
      type: 'inspection',
      state: 'received',
      filedAt,
      filedBy: 'member:requester',
      periodDays,
      details: {},
      confidential: {},
      answeredAt: answeredAt ?? null,
      updatedAt: filedAt,
    });
    for (const [from, to] of pauses ?? []) await tx.insert(tables.requestPauses).values({ requestId: id, from, to });
  });
});
afterAll(() => database.close());

async function overdueInSql(now: Date): Promise<string[]> {
  const rows = await database.db.select({ id: tables.requests.id }).from(tables.requests).where(eq(overdueAt(now), 1)).orderBy(asc(tables.requests.id));
  return rows.map((row) => row.id);
}

function overdueInDomain(now: Date): string[] {
  return CASES.filter((request) => {
    const pauses = (request.pauses ?? []).map(([from, to]) => ({ from, to }));
    return computeDeadline({ filedAt: request.filedAt, periodDays: request.periodDays, pauses, answeredAt: request.answeredAt ?? null }, now.toISOString()).overdue;
  })
    .map((request) => request.id)
    .sort();
}

/** Each case's due instant (with pauses closed as they are), and a millisecond either side. */
function boundaries(): Date[] {
  return CASES.flatMap((request) => {
    const pauses = (request.pauses ?? []).map(([from, to]) => ({ from, to: to ?? from }));
    const due = Date.parse(computeDeadline({ filedAt: request.filedAt, periodDays: request.periodDays, pauses, answeredAt: null }, request.filedAt).dueAt);
    return [due - 1, due, due + 1].map((ms) => new Date(ms));
  });
}

describe('overdueAt', () => {
  it('agrees with computeDeadline at every due instant and a millisecond either side', async () => {
    const instants = [new Date('2026-01-01T00:00:00.000Z'), ...boundaries(), new Date('2027-06-01T00:00:00.000Z')];
    for (const now of instants) expect(await overdueInSql(now), now.toISOString()).toEqual(overdueInDomain(now));
  });

  it('flags late, unanswered, running requests only', async () => {
    const late = await overdueInSql(new Date('2027-06-01T00:00:00.000Z'));
    expect(late).toEqual(['offset', 'paused-once', 'paused-twice', 'plain', 'short', 'whole-seconds']);
  });
});
