import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEnv } from './app-env.ts';
import { limitBody } from './body-limit.ts';

// Served by @hono/node-server as the hub is: the two ways a body arrives (with a declared length
// or chunked) take different paths there, and app.request() only ever takes the second.
let server: ServerType;
let url: string;
beforeAll(async () => {
  const app = new Hono<AppEnv>()
    .use('*', limitBody(1000, 'Bodies are limited to 1000 bytes.'))
    .get('/echo', (c) => c.json({ read: 'nothing' }))
    .post('/echo', async (c) => c.json({ length: ((await c.req.json()) as { text: string }).text.length }));
  server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/echo`;
});
afterAll(() => void server.close());

const bodyOf = (length: number) => JSON.stringify({ text: 'x'.repeat(length) });
/** A body sent without Content-Length, in chunks (Transfer-Encoding: chunked). */
function chunked(text: string): RequestInit {
  const bytes = new TextEncoder().encode(text);
  const body = new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 100) controller.enqueue(bytes.subarray(i, i + 100));
      controller.close();
    },
  });
  return { method: 'POST', body, duplex: 'half', headers: { 'Content-Type': 'application/json' } } as RequestInit;
}

describe('limitBody', () => {
  it('lets a body within the limit through, whole, with a declared length and chunked', async () => {
    const declared = await fetch(url, { method: 'POST', body: bodyOf(900), headers: { 'Content-Type': 'application/json' } });
    expect(await declared.json()).toEqual({ length: 900 });
    const streamed = await fetch(url, chunked(bodyOf(900)));
    expect(await streamed.json()).toEqual({ length: 900 });
  });

  it('refuses a declared length over the limit with 413 and the problem JSON', async () => {
    const response = await fetch(url, { method: 'POST', body: bodyOf(1000), headers: { 'Content-Type': 'application/json' } });
    expect(response.status).toBe(413);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect(await response.json()).toEqual({ error: { code: 'payload_too_large', message: 'Bodies are limited to 1000 bytes.' } });
  });

  it('refuses a chunked body once it grows over the limit', async () => {
    const response = await fetch(url, chunked(bodyOf(5000)));
    expect(response.status).toBe(413);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
  });

  it('leaves reads alone', async () => {
    expect(await (await fetch(url)).json()).toEqual({ read: 'nothing' });
  });
});
