import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { createLogger } from '../../api/logger.ts';
import { createTestHub, type TestHub } from '../helpers/app.ts';
import { json } from '../helpers/http.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await createTestHub({ sync: false });
});
afterAll(() => hub.close());

/**
 * A problem: served as `application/problem+json` (what the OpenAPI document says), in the
 * documented shape, with nothing that looks like a stack trace. Returns the body's text.
 */
async function expectProblem(response: Response, code: string): Promise<string> {
  expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  const body = await response.text();
  const parsed = JSON.parse(body);
  expect(Object.keys(parsed)).toEqual(['error']);
  expect(parsed.error.code).toBe(code);
  expect(typeof parsed.error.message).toBe('string');
  expect(body).not.toMatch(/\bat .*\.(ts|js):\d+/);
  expect(body).not.toMatch(/node_modules|\/work\/|Error:/);
  return body;
}

describe('the problem JSON answers', () => {
  it.each([
    ['GET', '/api/v1/nothing-here', undefined, 404, 'not_found'],
    ['GET', '/no/such/page', undefined, 404, 'not_found'],
    ['DELETE', '/api/v1/organizations', undefined, 405, 'method_not_allowed'],
    ['POST', '/api/v1/organizations/x', undefined, 405, 'method_not_allowed'],
    ['GET', '/api/v1/events?after=-1', undefined, 400, 'invalid'],
    ['GET', '/api/v1/events?after=abc', undefined, 400, 'invalid'],
    ['GET', '/api/v1/languages?group=klingon', undefined, 400, 'invalid'],
    ['POST', '/api/v1/tokens', '{"name": "x", "scopes": ["admin"]}', 401, 'unauthorized'],
  ] as const)('%s %s → %i %s', async (method, path, body, status, code) => {
    const response = await hub.request(path, { method, body, headers: body ? { 'Content-Type': 'application/json' } : {} });
    expect(response.status).toBe(status);
    await expectProblem(response, code);
  });

  it('names the allowed methods on 405', async () => {
    const response = await hub.request('/api/v1/tokens/tok_1', { method: 'GET' });
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('DELETE');
  });

  it('refuses a malformed JSON body with 400', async () => {
    const admin = await hub.tokenWith('admin');
    const response = await hub.request('/api/v1/tokens', {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
      body: '{"name": ',
    });
    expect(response.status).toBe(400);
    await expectProblem(response, 'invalid');
  });

  it('lists every invalid field of a body at once', async () => {
    const admin = await hub.tokenWith('admin');
    const response = await hub.request('/api/v1/tokens', {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: '', scopes: ['root'], expiresAt: 'tomorrow' }),
    });
    expect(response.status).toBe(400);
    const { error } = await json(response);
    expect(error.details.issues.map((issue: { path: string }) => issue.path.split('.')[0]).sort()).toEqual(['expiresAt', 'name', 'scopes']);
  });

  it('refuses an oversized body with 413 before reading it all', async () => {
    const response = await hub.request('/api/v1/tokens', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), scopes: ['admin'] }),
    });
    expect(response.status).toBe(413);
    await expectProblem(response, 'payload_too_large');
  });

  it('refuses a garbled or unknown bearer token, even on a public read', async () => {
    for (const header of ['Basic abc', 'Bearer agora_not-a-real-token', 'Bearer']) {
      const response = await hub.request('/api/v1/organizations', { headers: { Authorization: header } });
      expect(response.status).toBe(401);
      await expectProblem(response, 'unauthorized');
    }
  });

  it('answers an unexpected failure with 500 and a request id, logging the stack but not sending it', async () => {
    const lines: string[] = [];
    const broken = await createTestHub({ sync: false });
    const app = createApp({ services: broken.services, logger: createLogger({ write: (line) => lines.push(line) }) });
    broken.database.close(); // the database goes away under the running app
    const response = await app.request('/api/v1/organizations', { headers: { 'X-Request-Id': 'req-test-1' } });
    expect(response.status).toBe(500);
    const text = await expectProblem(response, 'internal');
    expect(text).toContain('req-test-1');
    const logged = lines.map((line) => JSON.parse(line));
    expect(logged).toContainEqual(expect.objectContaining({ level: 'error', requestId: 'req-test-1', error: expect.objectContaining({ stack: expect.any(String) }) }));
  });
});

describe('operations', () => {
  it('logs one JSON line per request with its request id', async () => {
    const lines: string[] = [];
    const logged = await createTestHub({ sync: false, logLines: lines });
    const response = await logged.request('/api/v1/health');
    const requestId = response.headers.get('X-Request-Id');
    expect(requestId).toBeTruthy();
    const entries = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'request');
    expect(entries).toEqual([
      expect.objectContaining({ level: 'info', requestId, method: 'GET', path: '/api/v1/health', status: 200, durationMs: expect.any(Number) }),
    ]);
    logged.close();
  });

  it('sends secure headers: the REST set on the API, the document set on pages', async () => {
    for (const path of ['/api/v1/health', '/api/v1/nothing-here']) {
      const response = await hub.request(path);
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(response.headers.get('Content-Security-Policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(response.headers.get('Strict-Transport-Security')).toMatch(/max-age=/);
      expect(response.headers.get('Referrer-Policy')).toBe('no-referrer');
    }
    const page = await hub.request('/api/docs');
    expect(page.headers.get('X-Frame-Options')).toBe('SAMEORIGIN');
    expect(page.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it('reports health with the database reachable', async () => {
    const response = await hub.request('/api/v1/health');
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ status: 'ok', database: { kind: 'memory', reachable: true } });
  });
});
