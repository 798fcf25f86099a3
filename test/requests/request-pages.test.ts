import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Actor } from '../../api/services/context.ts';
import { getRequest } from '../../api/services/requests/read-requests.ts';
import type { RequestView } from '../../api/services/requests/request-views.ts';
import { json } from '../helpers/http.ts';
import { fileRequestMix } from '../helpers/request-mix.ts';
import { createRequestHub, member } from '../helpers/requests.ts';

// Paging through a few hundred requests of every type and many states, some overdue, some waiting
// for the requester: every page's cursor leads to the next, every request appears once, newest
// first, exactly as it reads on its own (the single-request read is the oracle), whatever the filter.

const DAY = 86_400_000;
const COUNT = 300;

let hub: Awaited<ReturnType<typeof createRequestHub>>;
let ids: string[];
beforeAll(async () => {
  hub = await createRequestHub();
  ids = await fileRequestMix(hub.services, hub.clock, COUNT);
}, 120_000);
afterAll(() => hub.close());

type Filter = { type?: string; state?: string; overdue?: boolean };
const FILTERS: Filter[] = [
  {},
  { type: 'dataset' },
  { state: 'submitted' },
  { overdue: true },
  { overdue: false },
  { type: 'inspection', overdue: true },
  { type: 'access', state: 'under_review' },
  { type: 'dataset', state: 'needs_info', overdue: false },
  { type: 'card_correction', state: 'fixed' },
];

const query = (filter: Filter) =>
  Object.entries(filter)
    .map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`)
    .join('&');

/** Every request the filter selects, read one by one as `actor`, newest first, ties by id. */
async function expected(actor: Actor, filter: Filter): Promise<RequestView[]> {
  // A list item is the single view without the votes about it (those are on GET /requests/{id} only).
  const views = (await Promise.all(ids.map((id) => getRequest(hub.services, { actor, id })))).map(({ decisions: _decisions, ...view }) => view as RequestView);
  return views
    .filter((view) => (filter.type === undefined || view.type === filter.type) && (filter.state === undefined || view.state === filter.state))
    .filter((view) => filter.overdue === undefined || view.overdue === filter.overdue)
    .sort((a, b) => (a.filedAt === b.filedAt ? (a.id < b.id ? 1 : -1) : a.filedAt < b.filedAt ? 1 : -1));
}

/** Follows `next` from the first page to the last; every page but the last is full. */
async function walk(get: (path: string) => Response | Promise<Response>, filter: Filter, limit: number): Promise<RequestView[]> {
  const seen: RequestView[] = [];
  let cursor: string | null = null;
  for (let page = 0; page <= COUNT; page++) {
    const response = await get(`/api/v1/requests?${query(filter)}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(response.status, await response.clone().text()).toBe(200);
    const body = await json(response);
    seen.push(...body.items);
    cursor = body.next;
    if (cursor === null) return seen;
    expect(body.items).toHaveLength(limit);
  }
  throw new Error('the cursors never reached the last page');
}

const asAnonymous = (path: string) => hub.app.request(path);

describe('GET /api/v1/requests pages', () => {
  it('visit every request exactly once, newest first, with and without filters', async () => {
    for (const filter of FILTERS) {
      const want = await expected(anonymous, filter);
      const got = await walk(asAnonymous, filter, 7);
      expect(got.map((view) => view.id), JSON.stringify(filter)).toEqual(want.map((view) => view.id));
      expect(got, JSON.stringify(filter)).toEqual(want);
    }
    // The mix holds what the filters are about.
    expect((await expected(anonymous, {})).length).toBe(COUNT);
    expect((await expected(anonymous, { overdue: true })).length).toBeGreaterThan(0);
  });

  it('keep the overdue filter exact when most requests are filtered out, at the instant of asking', async () => {
    const few = await expected(anonymous, { overdue: true });
    expect(few.length).toBeGreaterThan(2);
    expect(few.length).toBeLessThan(COUNT / 10);
    expect((await walk(asAnonymous, { overdue: true }, 2)).map((view) => view.id)).toEqual(few.map((view) => view.id));

    // Three weeks later most unanswered requests are late; the same filter says so at once.
    hub.clock.advance(21 * DAY);
    try {
      const many = await expected(anonymous, { overdue: true });
      expect(many.length).toBeGreaterThan(COUNT / 3);
      expect((await walk(asAnonymous, { overdue: true }, 9)).map((view) => view.id)).toEqual(many.map((view) => view.id));
      expect((await walk(asAnonymous, { overdue: false }, 9)).map((view) => view.id)).toEqual((await expected(anonymous, { overdue: false })).map((view) => view.id));
    } finally {
      hub.clock.advance(-21 * DAY);
    }
  });

  it('give each reader the view they may see: handlers everything, other members the public view', async () => {
    for (const [person, filter] of [
      ['steward', { type: 'dataset' }],
      ['lawyer', {}],
      ['outsider', { overdue: false }],
    ] as const) {
      const want = await expected(member(person), filter);
      expect(await walk((path) => hub.as(person, path), filter, 11), person).toEqual(want);
    }
  });
});

describe('GET /api/v1/requests filters', () => {
  it('refuse a state no request type has, instead of answering an empty list', async () => {
    for (const path of ['/api/v1/requests?state=in_review', '/api/v1/requests/export?state=Submitted']) {
      const response = await hub.app.request(path);
      expect(response.status, path).toBe(400);
      const { error } = await json(response);
      expect(error.code).toBe('invalid');
      expect(error.details.issues.map((issue: { path: string }) => issue.path)).toEqual(['state']);
    }
    expect((await hub.app.request('/api/v1/requests?state=clarification')).status).toBe(200);
  });
});

describe('GET /api/v1/requests cursors', () => {
  const problemOf = async (path: string) => {
    const response = await hub.app.request(path);
    const body = await json(response);
    return { status: response.status, type: response.headers.get('Content-Type'), body };
  };
  const firstCursor = async (path: string) => (await json(hub.app.request(path))).next as string;

  const expectInvalid = async (path: string) => {
    const answer = await problemOf(path);
    expect(answer.status, path).toBe(400);
    expect(answer.type).toMatch(/^application\/problem\+json/);
    expect(answer.body.error.code).toBe('invalid');
    expect(answer.body.error.message).toMatch(/cursor/);
    return answer.body.error;
  };

  it('refuse a malformed cursor', async () => {
    await expectInvalid('/api/v1/requests?cursor=%25%25%25');
    await expectInvalid('/api/v1/requests?cursor=not-a-cursor');
    const real = await firstCursor('/api/v1/requests?limit=5');
    await expectInvalid(`/api/v1/requests?limit=5&cursor=${encodeURIComponent(real.slice(0, -4))}`);
  });

  it('refuse a cursor this API never gave out, even one shaped like the old ones', async () => {
    const [newest] = (await json(hub.app.request('/api/v1/requests?limit=1'))).items;
    // Before, a cursor was the base64url of "filedAt NUL id": one naming no request restarted at page one.
    const unknown = Buffer.from(`2001-01-01T00:00:00.000Z\u0000req_nobody`, 'utf8').toString('base64url');
    await expectInvalid(`/api/v1/requests?cursor=${unknown}`);
    const forged = Buffer.from(`${newest.filedAt}\u0000${newest.id}`, 'utf8').toString('base64url');
    await expectInvalid(`/api/v1/requests?cursor=${forged}`);
  });

  it('refuse the cursor of another list', async () => {
    const organizations = await firstCursor('/api/v1/organizations?limit=2');
    const error = await expectInvalid(`/api/v1/requests?cursor=${encodeURIComponent(organizations)}`);
    expect(error.details).toMatchObject({ list: 'requests', cursorList: 'organizations' });
    const requests = await firstCursor('/api/v1/requests?limit=2');
    await expectInvalid(`/api/v1/organizations?cursor=${encodeURIComponent(requests)}`);
    await expectInvalid(`/api/v1/proposals?cursor=${encodeURIComponent(requests)}`);
  });

  it('refuse the cursor of another filter of the same list', async () => {
    const datasets = await firstCursor('/api/v1/requests?type=dataset&limit=3');
    await expectInvalid(`/api/v1/requests?type=access&limit=3&cursor=${encodeURIComponent(datasets)}`);
    await expectInvalid(`/api/v1/requests?limit=3&cursor=${encodeURIComponent(datasets)}`);
    await expectInvalid(`/api/v1/requests?type=dataset&overdue=false&limit=3&cursor=${encodeURIComponent(datasets)}`);
    // The page size is not part of the filter: a client may change it between pages.
    expect((await problemOf(`/api/v1/requests?type=dataset&limit=50&cursor=${encodeURIComponent(datasets)}`)).status).toBe(200);
  });

  it('stay short and opaque', async () => {
    const cursor = await firstCursor('/api/v1/requests?type=inspection&state=clarification&overdue=false&limit=1');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor.length).toBeLessThanOrEqual(120);
  });
});
