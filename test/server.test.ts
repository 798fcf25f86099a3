import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from './helpers/server.ts';
import { json } from './helpers/http.ts';

const dir = mkdtempSync(join(tmpdir(), 'agora-server-'));
const env = { DATABASE_URL: `file:${join(dir, 'agora.db')}`, AGORA_SKIP_SITE: 'true' };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the hub process', () => {
  it('starts on the embedded default, prints a one-time admin token, serves the API and stops cleanly on SIGTERM', async () => {
    const server = await startServerProcess(env);
    try {
      const health = await fetch(`${server.url}/api/v1/health`);
      expect(health.status).toBe(200);
      expect(await json(health)).toMatchObject({ status: 'ok', database: { kind: 'file' } });

      const organizations = await json(fetch(`${server.url}/api/v1/organizations`));
      expect(organizations.items).toHaveLength(24);

      const token = /^\s+(agora_[\w-]{43})$/m.exec(server.stderr())?.[1];
      expect(token, server.stderr()).toBeTruthy();
      const tokens = await fetch(`${server.url}/api/v1/tokens`, { headers: { Authorization: `Bearer ${token}` } });
      expect(tokens.status).toBe(200);
      expect(server.stderr()).toContain(`${server.url}/api/docs`);

      // Over real HTTP the common headers go on Node's response (api-headers.ts): fresh, cached and
      // refused answers all carry them, with the request id the log line names.
      await fetch(`${server.url}/api/v1/organizations`).then((answer) => answer.arrayBuffer());
      const cachedRead = await fetch(`${server.url}/api/v1/organizations`, { headers: { 'X-Request-Id': 'req-server-1' } });
      const refused = await fetch(`${server.url}/api/v1/tokens`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      expect(refused.status).toBe(401);
      for (const answer of [health, tokens, cachedRead, refused]) {
        expect(answer.headers.get('X-Content-Type-Options')).toBe('nosniff');
        expect(answer.headers.get('Content-Security-Policy')).toBe("default-src 'none'; frame-ancestors 'none'");
        expect(answer.headers.get('Access-Control-Allow-Origin')).toBe('*');
        expect(answer.headers.get('Vary')).toBe('Authorization');
        expect(answer.headers.get('Cache-Control')).toBe('no-cache');
        expect(answer.headers.get('Content-Type')).toMatch(answer === refused ? /^application\/problem\+json$/ : /^application\/json/);
        expect(answer.headers.get('X-Request-Id')).toMatch(/^[\w-]+$/);
      }
      expect(cachedRead.headers.get('X-Cache')).toBe('hit');
      expect(cachedRead.headers.get('X-Request-Id')).toBe('req-server-1');
      expect(tokens.headers.get('X-Request-Id')).toBe((await server.waitForLog((entry) => entry.msg === 'request' && entry.path === '/api/v1/tokens')).requestId);

      const request = await server.waitForLog((entry) => entry.msg === 'request' && entry.path === '/api/v1/tokens');
      expect(request).toMatchObject({ level: 'info', status: 200, requestId: expect.any(String), tokenId: expect.stringMatching(/^tok_/) });
      expect(JSON.stringify(server.logs)).not.toContain(token);
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0);
    }
    expect(server.logs).toContainEqual(expect.objectContaining({ msg: 'shutting down', signal: 'SIGTERM' }));
  });

  it('issues no second admin token and re-syncs nothing on the next start', async () => {
    const server = await startServerProcess(env);
    try {
      expect(server.stderr()).not.toMatch(/agora_[\w-]{43}/);
      const synced = await server.waitForLog((entry) => entry.msg === 'content synced');
      expect(synced.ledgerEntries).toBe(0);
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0);
    }
  });

  it('keeps serving the last good data when the content folder is broken, and says why', async () => {
    const server = await startServerProcess({ ...env, CONTENT_DIR: join(dir, 'no-such-content') });
    try {
      const complaint = await server.waitForLog((entry) => entry.level === 'error');
      expect(complaint.msg).toMatch(/content is invalid/);
      expect(JSON.stringify(complaint.problems)).toContain('organizations.yaml: file is missing');
      expect((await json(fetch(`${server.url}/api/v1/organizations`))).items).toHaveLength(24);
    } finally {
      await server.stop();
    }
  });

  it('ends open event streams on SIGTERM instead of waiting for them', async () => {
    const server = await startServerProcess(env);
    const stream = await fetch(`${server.url}/api/v1/events/stream?after=0`);
    const reader = stream.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    const started = Date.now();
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(Date.now() - started).toBeLessThan(5000);
    await reader.cancel().catch(() => undefined);
  });

  it('answers requests Node or its adapter cannot read in the problem shape, not with a bare status', async () => {
    const server = await startServerProcess(env);
    try {
      const port = new URL(server.url).port;
      const raw = (request: string) =>
        new Promise<string>((resolve, reject) => {
          const socket = connect(Number(port), '127.0.0.1', () => socket.end(request));
          let answer = '';
          socket.on('data', (chunk) => (answer += chunk));
          socket.on('end', () => resolve(answer));
          socket.on('error', reject);
        });
      const backslash = await raw('GET /api/v1/models/a\\b HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
      expect(backslash).toMatch(/^HTTP\/1\.1 400 /);
      expect(backslash).toMatch(/content-type: application\/problem\+json/i);
      expect(backslash).toContain('"code":"invalid"');
      const huge = await raw(`GET /api/v1/models/${'a'.repeat(17_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
      expect(huge).toMatch(/^HTTP\/1\.1 431 /);
      expect(huge).toContain('"code":"payload_too_large"');
      // Still serving.
      expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('refuses to start with a readable message when a setting is wrong', async () => {
    await expect(startServerProcess({ ...env, PORT: 'eighty' }, 10_000)).rejects.toThrow(/PORT: expected a port number/);
  });
});
