import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIDENTIAL_FIELDS } from '../../api/domain/requests/request-schemas.ts';
import { REQUEST_TYPES } from '../../api/domain/requests/vocabulary.ts';
import { buildRegistrySnapshot } from '../../api/services/registry-snapshot.ts';
import { listEvents } from '../../api/services/ledger.ts';
import { buildSite } from '../../api/site/build-site.ts';
import { createRequestHub, sampleRequest } from '../helpers/requests.ts';
import { json } from '../helpers/http.ts';

/** Put into every field a requester writes; it must never leave the requester and the handlers. */
const CANARY = 'CANARY7Q3ZX';

let hub: Awaited<ReturnType<typeof createRequestHub>>;
const ids: string[] = [];

beforeAll(async () => {
  hub = await createRequestHub();
  for (const type of REQUEST_TYPES) {
    const response = await hub.as('requester', '/api/v1/requests', { method: 'POST', body: sampleRequest(type, CANARY) });
    expect(response.status).toBe(201);
    const filed = await json(response);
    ids.push(filed.id);
    for (const field of CONFIDENTIAL_FIELDS[type]) expect(JSON.stringify(filed.confidential[field]), `${type}.${field} holds the canary`).toContain(CANARY);
  }
  // Move them along, with comments that quote the canary, so history and dates exist too.
  await hub.as('steward', `/api/v1/requests/${ids[0]}/transitions`, { method: 'POST', body: { transition: 'triage', comment: `seen ${CANARY}` } });
  await hub.as('lawyer', `/api/v1/requests/${ids[1]}/transitions`, { method: 'POST', body: { transition: 'start_review' } });
  await hub.as('secretary', `/api/v1/requests/${ids[2]}/transitions`, { method: 'POST', body: { transition: 'acknowledge', comment: CANARY } });
  await hub.as('requester', `/api/v1/requests/${ids[2]}/comments`, { method: 'POST', body: { body: `more ${CANARY}` } });
  await hub.as('release-manager', `/api/v1/requests/${ids[3]}/transitions`, { method: 'POST', body: { transition: 'start_review', comment: `checking ${CANARY}` } });
}, 60_000);
afterAll(() => hub.close());

async function publicText(path: string): Promise<string> {
  const response = await hub.app.request(path);
  expect(response.status, path).toBe(200);
  return response.text();
}

describe('confidential fields', () => {
  it('are shown to the requester and the handlers', async () => {
    for (const person of ['requester', 'lawyer', 'secretary']) {
      const seen = await (await hub.as(person, `/api/v1/requests/${ids[2]}`)).text();
      expect(seen, person).toContain(CANARY);
    }
    expect(await (await hub.as('outsider', `/api/v1/requests/${ids[2]}`)).text()).not.toContain(CANARY);
  });

  it('of a model-card correction are shown to its handlers only: release managers and the secretariat', async () => {
    for (const person of ['requester', 'release-manager', 'secretary']) expect(await (await hub.as(person, `/api/v1/requests/${ids[3]}`)).text(), person).toContain(CANARY);
    for (const person of ['lawyer', 'steward', 'outsider']) expect(await (await hub.as(person, `/api/v1/requests/${ids[3]}`)).text(), person).not.toContain(CANARY);
  });

  it('never appear in any public API response', async () => {
    const paths = [
      '/api/v1/requests',
      '/api/v1/requests?type=inspection',
      '/api/v1/requests/export',
      '/api/v1/requests/export?format=json',
      '/api/v1/requests/transparency',
      ...ids.map((id) => `/api/v1/requests/${id}`),
      '/api/v1/events?limit=1000',
      '/api/v1/ledger/verify',
    ];
    for (const path of paths) expect(await publicText(path), path).not.toContain(CANARY);
    const one = await json(hub.app.request(`/api/v1/requests/${ids[0]}`));
    expect(Object.keys(one).sort()).toEqual(['answeredAt', 'closedAt', 'decisions', 'dueAt', 'filedAt', 'id', 'isDemo', 'overdue', 'paused', 'state', 'type', 'updatedAt']);
  });

  it('never appear in the event feed or the ledger', async () => {
    const events = await listEvents(hub.services, { after: 0, limit: 10_000 });
    expect(JSON.stringify(events)).not.toContain(CANARY);
    const raw = await hub.database.db.select().from((await import('../../db/index.ts')).tables.ledger);
    expect(JSON.stringify(raw)).not.toContain(CANARY);
  });

  it('never appear in any file of the built site', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'agora-canary-site-'));
    try {
      await buildSite({ snapshot: await buildRegistrySnapshot(hub.services), outDir });
      const files = walk(outDir);
      expect(files.length).toBeGreaterThan(20);
      for (const file of files) expect(readFileSync(file).includes(CANARY), file).toBe(false);
      // The request pages were built from these very requests: they list each one, by id, on the
      // tracker and on its type's page — so the search above did look where they are shown.
      const tracker = readFileSync(join(outDir, 'requests', 'index.html'), 'utf8');
      for (const [i, type] of REQUEST_TYPES.entries()) {
        expect(tracker).toContain(`data-request="${ids[i]}"`);
        expect(readFileSync(join(outDir, 'requests', type, 'index.html'), 'utf8')).toContain(`data-request="${ids[i]}"`);
      }
      expect(readFileSync(join(outDir, 'requests', 'transparency', 'index.html'), 'utf8')).toContain('data-figure="received">1<');
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 180_000);
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
