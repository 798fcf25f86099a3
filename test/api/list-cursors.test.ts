import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../api/logger.ts';
import { systemActor } from '../../api/services/context.ts';
import { createDelegation } from '../../api/services/decisions/delegations.ts';
import { seedNewHub } from '../../api/services/demo/seed-demo.ts';
import { createTestHub, CONTENT_DIR, type TestHub } from '../helpers/app.ts';
import { json } from '../helpers/http.ts';

// Every list of the API pages the same way: following `next` with a small page size gives the same
// items in the same order as one big page, and a cursor works only on the list (and the filter) it
// came from. The hub holds the content, the shipped collection and the demo data.

const LISTS = ['organizations', 'languages', 'models', 'training-runs', 'model-cards', 'proposals', 'datasets', 'collections', 'requests', 'delegations', 'tokens'];
const keyOf = (item: Record<string, unknown>) => String(item.id ?? item.code ?? item.modelId ?? item.cycle);

let hub: TestHub;
let admin: string;
beforeAll(async () => {
  hub = await createTestHub();
  await seedNewHub(hub.services, createLogger({ level: 'silent' }), CONTENT_DIR);
  admin = await hub.tokenWith('admin');
  await hub.tokenWith('reporter');
  await hub.tokenWith('write');
  for (const [from, to, kind] of [
    ['csc', 'cineca', 'release'],
    ['bsc', 'cineca', 'release'],
    ['surf', 'csc', 'membership'],
  ])
    await createDelegation(hub.services, { actor: systemActor('test'), input: { from: from!, to: to!, kind: kind! } });
}, 120_000);
afterAll(() => hub.close());

// Tokens need `admin`; everything else is public.
const get = (path: string) => hub.request(path, path.startsWith('/api/v1/tokens') ? { headers: { Authorization: `Bearer ${admin}` } } : undefined);

async function walk(list: string, limit: number): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | null = null;
  do {
    const response = await get(`/api/v1/${list}?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(response.status, `${list}: ${await response.clone().text()}`).toBe(200);
    const body = await json(response);
    keys.push(...body.items.map(keyOf));
    cursor = body.next;
  } while (cursor !== null && keys.length < 10_000);
  return keys;
}

/** A cursor of each list that has more than one item. */
async function cursors(): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const list of LISTS) {
    const { next } = await json(get(`/api/v1/${list}?limit=1`));
    if (next) found.set(list, next);
  }
  return found;
}

describe('every list', () => {
  it('gives page by page what one page gives, each item once', async () => {
    for (const list of LISTS) {
      const whole = (await json(get(`/api/v1/${list}?limit=500`))).items.map(keyOf);
      expect(await walk(list, 2), list).toEqual(whole);
      expect(new Set(whole).size, list).toBe(whole.length);
    }
  });

  it('has enough data here for the cursor checks to mean something', async () => {
    expect([...(await cursors()).keys()].sort()).toEqual(['datasets', 'delegations', 'languages', 'models', 'organizations', 'proposals', 'requests', 'tokens', 'training-runs'].sort());
  });

  it("refuses another list's cursor with a problem naming both lists", async () => {
    const given = await cursors();
    for (const list of LISTS)
      for (const [other, cursor] of given) {
        if (other === list) continue;
        const response = await get(`/api/v1/${list}?cursor=${encodeURIComponent(cursor)}`);
        expect(response.status, `${other}'s cursor on ${list}`).toBe(400);
        expect((await json(response)).error).toMatchObject({ code: 'invalid', details: { reason: 'other_list', list, cursorList: other } });
      }
  });

  it('refuses the cursors of before (base64url of the last key), which named no list', async () => {
    for (const list of LISTS) {
      const [first] = (await json(get(`/api/v1/${list}?limit=1`))).items;
      expect(first, list).toBeDefined();
      const old = Buffer.from(keyOf(first), 'utf8').toString('base64url');
      const response = await get(`/api/v1/${list}?cursor=${old}`);
      expect(response.status, list).toBe(400);
      expect((await json(response)).error).toMatchObject({ code: 'invalid', details: { reason: 'malformed', list } });
    }
  });

  it('refuses a cursor given for another filter of the same list', async () => {
    for (const [list, filtered, other] of [
      ['organizations', 'category=partner', 'category=hpc_centre'],
      ['organizations', 'country=de', 'country=FR'],
      ['languages', 'group=eu_official', ''],
      ['proposals', 'state=closed', 'kind=dataset_inclusion'],
      ['delegations', 'kind=release', ''],
    ]) {
      const { next } = await json(get(`/api/v1/${list}?${filtered}&limit=1`));
      expect(next, `${list}?${filtered}`).toEqual(expect.any(String));
      const response = await get(`/api/v1/${list}?${other}&cursor=${encodeURIComponent(next)}`);
      expect(response.status, `${list}?${filtered} → ?${other}`).toBe(400);
      expect((await json(response)).error.details).toMatchObject({ reason: 'other_filter', list });
    }
    // A filter written differently but meaning the same is the same filter.
    const { next } = await json(get('/api/v1/organizations?country=de&limit=1'));
    expect((await get(`/api/v1/organizations?country=DE&cursor=${encodeURIComponent(next)}`)).status).toBe(200);
  });
});
