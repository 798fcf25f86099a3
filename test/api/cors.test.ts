import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHub, type TestHub } from '../helpers/app.ts';
import { json } from '../helpers/http.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await createTestHub();
});
afterAll(() => hub.close());

const fromElsewhere = { Origin: 'https://dashboard.example.org' };

describe('the API seen from another origin', () => {
  it('answers a preflight before asking for a token, allowing the token and the JSON body', async () => {
    const response = await hub.request('/api/v1/proposals/p/ballots', {
      method: 'OPTIONS',
      headers: { ...fromElsewhere, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(response.headers.get('Access-Control-Allow-Methods')).toContain('POST');
    expect(response.headers.get('Access-Control-Allow-Headers')?.split(',')).toEqual(expect.arrayContaining(['Authorization', 'Content-Type']));
  });

  it('lets a page read an answer and its ETag, and an error too', async () => {
    const read = await hub.request('/api/v1/organizations', { headers: fromElsewhere });
    expect(read.status).toBe(200);
    expect(read.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(read.headers.get('Access-Control-Expose-Headers')).toBe('ETag');
    expect(read.headers.get('Vary')).toBe('Authorization');
    expect((await json(read)).items.length).toBeGreaterThan(0);

    const refused = await hub.request('/api/v1/tokens', { method: 'POST', headers: { ...fromElsewhere, 'Content-Type': 'application/json' }, body: '{}' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('Access-Control-Allow-Origin')).toBe('*');
  });

  it('gives the site\'s pages no CORS headers', async () => {
    const page = await hub.request('/', { headers: fromElsewhere });
    expect(page.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});
