import { Validator } from '@seriousme/openapi-schema-validator';
import { STATUS_OF } from '../../api/http/problem.ts';
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

  it('documents both codes a 409 can carry where a route answers both: conflict and deadline_passed', async () => {
    const document = await json(hub.request('/api/openapi.json'));
    const resolve = document.paths['/api/v1/proposals/{id}/concerns/{concernId}/resolve'].post.responses;
    expect(resolve['409'].description).toMatch(/`conflict`/);
    expect(resolve['409'].description).toMatch(/`deadline_passed`/);
    expect(codesOf(document, resolve['409'])).toEqual(['conflict', 'deadline_passed']);
    // A route that can answer only one of them says so.
    const vote = document.paths['/api/v1/proposals/{id}/ballots'].post.responses;
    expect(codesOf(document, vote['409'])).toEqual(['deadline_passed']);
    expect(vote['409'].description).not.toMatch(/`conflict`/);
  });

  it('documents every problem as application/problem+json, listing exactly the codes its status carries', async () => {
    const document = await json(hub.request('/api/openapi.json'));
    const problems = Object.entries(document.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) =>
        Object.entries(operation.responses)
          // The health check's 503 is its report (database unreachable), not a problem.
          .filter(([status]) => Number(status) >= 400 && !(path === '/api/v1/health' && status === '503'))
          .map(([status, response]) => ({ where: `${method.toUpperCase()} ${path} ${status}`, status: Number(status), response })),
      ),
    );
    expect(problems.length).toBeGreaterThan(50);
    for (const { where, status, response } of problems) {
      const codes = codesOf(document, response);
      expect(codes.length, where).toBeGreaterThan(0);
      for (const code of codes) expect(STATUS_OF[code as keyof typeof STATUS_OF], `${where} ${code}`).toBe(status);
    }
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

/** The error codes a documented problem response lists, following `$ref`s into the components. */
// biome-ignore lint: walks arbitrary JSON
function codesOf(document: any, response: any): string[] {
  // biome-ignore lint: walks arbitrary JSON
  const resolve = (node: any): any => (node?.$ref ? resolve(node.$ref.slice(2).split('/').reduce((at: any, key: string) => at[key], document)) : node);
  const content = resolve(response).content;
  expect(Object.keys(content)).toEqual(['application/problem+json']);
  const schema = resolve(content['application/problem+json'].schema);
  return resolve(resolve(schema.properties.error).properties.code).enum;
}
