import { request } from 'node:http';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../api/cli.ts';
import { loadConfig } from '../../api/env.ts';
import { startHub, type RunningHub } from '../../api/hub/start-hub.ts';
import { silentLogger } from '../../api/logger.ts';
import { CONTENT_DIR } from '../helpers/app.ts';
import { BABY_DIR } from '../helpers/collection.ts';
import { createTestDatabaseFile } from '../helpers/database.ts';

const MODEL = 'agora-demo-1b-v0-1';
/** The exports that link to the hub's other exports. */
const LINKING_FORMATS = ['huggingface-readme', 'annex-xi-xii'] as const;
const exportPath = (format: string) => `/api/v1/models/${MODEL}/card/exports/${format}`;

/** Every absolute link in an export that points at the hub's API. */
function hubLinks(body: string): string[] {
  return [...body.matchAll(/https?:\/\/[^\s)<>"']+?\/api\/v1\/[^\s)<>"']*/g)].map((match) => match[0]);
}

let db: Awaited<ReturnType<typeof createTestDatabaseFile>>;
const base = () => ({ DATABASE_URL: db.url, CONTENT_DIR, AGORA_DEMO: 'false', AGORA_SKIP_SITE: 'true', LOG_LEVEL: 'silent' });

async function agora(environment: Record<string, string>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { ...base(), ...environment }, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** GET with a Host header of the caller's choosing (fetch sends the URL's own). */
function getWithHost(address: string, path: string, host: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(address);
  return new Promise((resolve, reject) => {
    request({ hostname, port, path, headers: { Host: host } }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

/** A port nothing listens on right now, so a hub can be started on it by number as an operator would. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  db = await createTestDatabaseFile();
  expect((await agora({}, 'sync')).code).toBe(0);
  expect((await agora({}, 'import', 'collection', BABY_DIR)).code).toBe(0);
});
afterAll(() => db.cleanup());

describe('links in card exports are built from PUBLIC_URL', () => {
  describe('agora export card', () => {
    it.each(LINKING_FORMATS)('%s: links start with PUBLIC_URL', async (format) => {
      const result = await agora({ PUBLIC_URL: 'https://agora.example.eu' }, 'export', 'card', MODEL, '--format', format);
      expect(result.code, result.err).toBe(0);
      const links = hubLinks(result.out);
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) expect(link).toMatch(/^https:\/\/agora\.example\.eu\/api\/v1\//);
    });

    it.each(LINKING_FORMATS)('%s: without PUBLIC_URL, links use PORT (PORT=9999)', async (format) => {
      const result = await agora({ PORT: '9999' }, 'export', 'card', MODEL, '--format', format);
      expect(result.code, result.err).toBe(0);
      const links = hubLinks(result.out);
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) expect(link).toMatch(/^http:\/\/localhost:9999\/api\/v1\//);
    });
  });

  describe('GET /api/v1/models/{id}/card/exports/{format} on a running hub', () => {
    let hub: RunningHub | undefined;
    afterAll(async () => {
      await hub?.close();
    });
    const started = async (environment: Record<string, string>) => {
      await hub?.close();
      hub = await startHub(loadConfig({ ...base(), ...environment }), silentLogger);
      return `http://127.0.0.1:${new URL(hub.url).port}`;
    };

    it.each(LINKING_FORMATS)('%s: links start with PUBLIC_URL, whatever address or Host header the request came with', async (format) => {
      const address = await started({ PUBLIC_URL: 'https://agora.example.eu', PORT: '0' });
      // Behind a proxy the request's address is the hub's inner one, and a Host header is the caller's to choose.
      const answers = [await fetch(`${address}${exportPath(format)}`).then(async (response) => ({ status: response.status, body: await response.text() })), await getWithHost(address, exportPath(format), 'attacker.example')];
      for (const { status, body } of answers) {
        expect(status).toBe(200);
        const links = hubLinks(body);
        expect(links.length).toBeGreaterThan(0);
        for (const link of links) expect(link).toMatch(/^https:\/\/agora\.example\.eu\/api\/v1\//);
      }
    });

    it('without PUBLIC_URL, links use the default PUBLIC_URL of the PORT the hub runs on', async () => {
      const port = await freePort();
      const address = await started({ PORT: String(port) });
      for (const format of LINKING_FORMATS) {
        const links = hubLinks(await (await fetch(`${address}${exportPath(format)}`)).text());
        expect(links.length).toBeGreaterThan(0);
        for (const link of links) expect(link).toMatch(new RegExp(`^http://localhost:${port}/api/v1/`));
      }
    });
  });
});
