import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHub, type TestHub } from '../helpers/app.ts';
import { json } from '../helpers/http.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await createTestHub({ sync: false });
});
afterAll(() => hub.close());

describe('OpenAPI', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const response = await hub.request('/api/openapi.json');
    expect(response.status).toBe(200);
    const document = await json(response);
    expect(document.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('describes every API route the app serves', async () => {
    const document = await json(hub.request('/api/openapi.json'));
    const documented = new Set(
      Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const served = new Set(
      hub.app.routes
        .filter((route) => route.path.startsWith('/api/v1/') && route.method !== 'ALL')
        .map((route) => `${route.method} ${route.path}`),
    );
    expect(served.size).toBeGreaterThanOrEqual(8);
    expect([...served].filter((route) => !documented.has(route))).toEqual([]);
    expect([...documented].filter((route) => !served.has(route))).toEqual([]);
  });

  it('serves the interactive reference with its script from the hub itself', async () => {
    const page = await hub.request('/api/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/api/openapi.json');
    expect(html).toContain('src="/api/docs/scalar.js"');
    expect(html).not.toMatch(/https:\/\/cdn\./);
    const script = await hub.request('/api/docs/scalar.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('Content-Type')).toMatch(/javascript/);
    expect((await script.text()).length).toBeGreaterThan(100_000);
  });
});
