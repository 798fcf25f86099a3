import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHub, type TestHub } from '../helpers/app.ts';
import { json } from '../helpers/http.ts';

/** The organisations issue #2 names, with the country and category public sources give them. */
const EXPECTED = [
  ['charles-university', 'CZ', 'partner'],
  ['amd-silo-ai', 'FI', 'partner'],
  ['university-of-helsinki', 'FI', 'partner'],
  ['university-of-oslo', 'NO', 'partner'],
  ['fraunhofer-iais', 'DE', 'partner'],
  ['ellis-institute-tubingen', 'DE', 'partner'],
  ['eindhoven-university-of-technology', 'NL', 'partner'],
  ['lighton', 'FR', 'partner'],
  ['aleph-alpha', 'DE', 'partner'],
  ['prompsit-language-engineering', 'ES', 'partner'],
  ['ellamind', 'DE', 'partner'],
  ['ai-sweden', 'SE', 'partner'],
  ['bsc', 'ES', 'hpc_centre'],
  ['cineca', 'IT', 'hpc_centre'],
  ['csc', 'FI', 'hpc_centre'],
  ['surf', 'NL', 'hpc_centre'],
  ['laion', 'DE', 'community'],
  ['openml', 'NL', 'community'],
  ['open-sci', 'DE', 'community'],
  ['trustllm', 'SE', 'initiative'],
  ['hplt', 'CZ', 'initiative'],
  ['eurollm', 'PT', 'initiative'],
  ['ai-on-demand', 'BE', 'initiative'],
  ['alt-edic', 'FR', 'initiative'],
] as const;

let hub: TestHub;
beforeAll(async () => {
  hub = await createTestHub();
});
afterAll(() => hub.close());

async function getJson(path: string, init?: RequestInit) {
  const response = await hub.request(path, init);
  return { response, body: (await json(response)) as any };
}

describe('GET /api/v1/organizations', () => {
  it('lists every organisation of the registry with country and category', async () => {
    const { response, body } = await getJson('/api/v1/organizations');
    expect(response.status).toBe(200);
    expect(body.next).toBeNull();
    const listed = body.items.map((org: any) => [org.id, org.country, org.category]);
    expect(listed).toEqual(expect.arrayContaining(EXPECTED.map((row) => [...row])));
    expect(listed).toHaveLength(EXPECTED.length);
    for (const org of body.items) expect(org.eligibility.reasons.length).toBeGreaterThan(0);
  });

  it('pages with an opaque cursor until next is null, without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const { body } = await getJson(`/api/v1/organizations?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      expect(body.items.length).toBeLessThanOrEqual(5);
      seen.push(...body.items.map((org: any) => org.id));
      cursor = body.next;
    }
    expect(seen).toHaveLength(EXPECTED.length);
    expect(new Set(seen).size).toBe(EXPECTED.length);
    expect([...seen].sort()).toEqual(seen);
  });

  it('filters by category and country', async () => {
    const { body } = await getJson('/api/v1/organizations?category=hpc_centre');
    expect(body.items.map((org: any) => org.id).sort()).toEqual(['bsc', 'cineca', 'csc', 'surf']);
    const finnish = await getJson('/api/v1/organizations?country=fi');
    expect(finnish.body.items.map((org: any) => org.id).sort()).toEqual(['amd-silo-ai', 'csc', 'university-of-helsinki']);
  });

  it('refuses an unknown category and a forged cursor with the problem shape', async () => {
    const bad = await getJson('/api/v1/organizations?category=sponsor&limit=9999');
    expect(bad.response.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid');
    expect(bad.body.error.details.issues.map((issue: any) => issue.path).sort()).toEqual(['category', 'limit']);
    const forged = await getJson('/api/v1/organizations?cursor=%%%');
    expect(forged.response.status).toBe(400);
    expect(forged.body.error.code).toBe('invalid');
  });

  it('sends an ETag and answers 304 when it still matches', async () => {
    const first = await hub.request('/api/v1/organizations');
    const tag = first.headers.get('ETag');
    expect(tag).toBeTruthy();
    const again = await hub.request('/api/v1/organizations', { headers: { 'If-None-Match': tag! } });
    expect(again.status).toBe(304);
  });
});

describe('GET /api/v1/organizations/{id}', () => {
  it('gives AMD Silo AI, established in Finland and controlled from the US, a reasoned "not eligible"', async () => {
    const { response, body } = await getJson('/api/v1/organizations/amd-silo-ai');
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ id: 'amd-silo-ai', country: 'FI', countryName: 'Finland', category: 'partner' });
    expect(body.ownershipControl).toMatchObject({ thirdCountryControlled: true, controllers: [{ country: 'US' }] });
    expect(body.eligibility.eligible).toBe(false);
    expect(body.eligibility.reasons).toEqual([
      expect.objectContaining({ code: 'established_eu_member', ok: true }),
      expect.objectContaining({ code: 'third_country_control', ok: false, message: expect.stringContaining('United States') }),
    ]);
  });

  it('gives the coordinator a reasoned "eligible"', async () => {
    const { body } = await getJson('/api/v1/organizations/charles-university');
    expect(body.eligibility).toEqual({
      eligible: true,
      reasons: [
        expect.objectContaining({ code: 'established_eu_member', ok: true }),
        expect.objectContaining({ code: 'not_third_country_controlled', ok: true }),
      ],
    });
  });

  it('answers 404 with the problem shape for an unknown id', async () => {
    const { response, body } = await getJson('/api/v1/organizations/acme');
    expect(response.status).toBe(404);
    expect(body).toEqual({ error: { code: 'not_found', message: 'No organisation has the id "acme".', details: { id: 'acme' } } });
  });
});

describe('GET /api/v1/languages', () => {
  it('lists the 37 target languages in priority order, grouped', async () => {
    const { body } = await getJson('/api/v1/languages');
    expect(body.items).toHaveLength(37);
    expect(body.items.map((language: any) => language.priority)).toEqual(Array.from({ length: 37 }, (_, i) => i + 1));
    const groups = body.items.reduce((count: Record<string, number>, language: any) => {
      count[language.group] = (count[language.group] ?? 0) + 1;
      return count;
    }, {});
    expect(groups).toEqual({ eu_official: 25, co_official: 3, candidate: 6, associated: 3 });
  });

  it('finds a language by a script variant', async () => {
    const { body } = await getJson('/api/v1/languages/ekk_Latn');
    expect(body).toMatchObject({ code: 'est', name: 'Estonian', variants: ['est_Latn', 'ekk_Latn'] });
  });
});
