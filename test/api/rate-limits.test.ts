import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { createRateLimits } from '../../api/http/rate-limits.ts';
import { json } from '../helpers/http.ts';
import { createRequestHub, sampleRequest } from '../helpers/requests.ts';

let hub: Awaited<ReturnType<typeof createRequestHub>>;
afterEach(() => hub.close());

type Problem = { error: { code: string; message: string; details: { limit: string; retryAfterSeconds: number } } };

describe('rate limits', () => {
  it('stops one token filing hundreds of requests, so the transparency figures stay true', async () => {
    hub = await createRequestHub();
    const answers = [];
    for (let i = 0; i < 300; i++) answers.push(await hub.as('requester', '/api/v1/requests', { method: 'POST', body: sampleRequest('inspection') }));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(20);
    expect(statuses.slice(20).every((status) => status === 429)).toBe(true);
    const refused = answers[20]!;
    expect(refused.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(((await refused.json()) as Problem).error).toMatchObject({ code: 'rate_limited', details: { limit: 'filings' } });
    expect((await json(hub.app.request('/api/v1/requests/transparency'))).received).toBe(20);
    // Someone else's token is not held back by it.
    expect((await hub.as('outsider', '/api/v1/requests', { method: 'POST', body: sampleRequest('dataset') })).status).toBe(201);
  });

  it('slows token guessing: after ten failures the address is refused before its tokens are looked at', async () => {
    hub = await createRequestHub();
    const guess = (secret: string) => hub.app.request('/api/v1/requests', { headers: { Authorization: `Bearer ${secret}` } });
    for (let i = 0; i < 10; i++) expect((await guess(`agora_guess${i}`)).status).toBe(401);
    const blocked = await guess('agora_guess-eleven');
    expect(blocked.status).toBe(429);
    expect(((await blocked.json()) as Problem).error.details.limit).toBe('authFailures');
    // Even a right token from that address waits out the block.
    expect((await hub.as('requester', '/api/v1/requests')).status).toBe(429);
  });

  it('bounds the anonymous reads one address makes the hub compute', async () => {
    hub = await createRequestHub();
    // A hundredth of the defaults: 60 computed reads a minute.
    const app = createApp({ services: hub.services, rateLimits: createRateLimits(0.01) });
    const statuses = [];
    for (let i = 0; i < 70; i++) statuses.push((await app.request(`/api/v1/requests?limit=${(i % 50) + 1}`)).status);
    expect(statuses.slice(0, 60).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(60).every((status) => status === 429)).toBe(true);
  });
});
