import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { syncContent } from '../../api/services/content/sync-content.ts';
import { systemActor, type ServiceContext } from '../../api/services/context.ts';
import { openProposal } from '../../api/services/decisions/proposals.ts';
import { fileRequest } from '../../api/services/requests/file-request.ts';
import { createToken } from '../../api/services/tokens.ts';
import { openDatabase } from '../../db/index.ts';
import { CONTENT_DIR } from '../helpers/app.ts';
import { createTestClock } from '../helpers/clock.ts';
import { createTestDatabaseFile } from '../helpers/database.ts';
import { json } from '../helpers/http.ts';
import { sampleRequest } from '../helpers/requests.ts';

/** The read cache on the embedded default (a file database), where it is on. */
let file: Awaited<ReturnType<typeof createTestDatabaseFile>>;
let app: ReturnType<typeof createApp>;
const clock = createTestClock();
let admin: string;

let services: ServiceContext;

beforeAll(async () => {
  file = await createTestDatabaseFile();
  services = { database: file.database, clock };
  await syncContent(services, { actor: systemActor('test'), input: { contentDir: CONTENT_DIR } });
  admin = (await createToken(services, { actor: systemActor('test'), input: { name: 'admin', scopes: ['admin'] } })).secret;
  app = createApp({ services });
});
afterAll(() => file.cleanup());

describe('read cache', () => {
  it('serves a repeated anonymous read from the cache with the same ETag, and 304 when it matches', async () => {
    const first = await app.request('/api/v1/organizations/csc');
    const second = await app.request('/api/v1/organizations/csc');
    expect(first.headers.get('X-Cache')).toBe('miss');
    expect(second.headers.get('X-Cache')).toBe('hit');
    expect(second.headers.get('ETag')).toBe(first.headers.get('ETag'));
    expect(await second.text()).toBe(await first.text());
    const notModified = await app.request('/api/v1/organizations/csc', { headers: { 'If-None-Match': first.headers.get('ETag')! } });
    expect(notModified.status).toBe(304);
  });

  it('never serves stale data: a commit by another connection or process invalidates it', async () => {
    await app.request('/api/v1/organizations/csc');
    const other = await openDatabase({ url: file.url });
    await other.exclusive(({ db }) => db.run(sql`update organizations set name = 'CSC (renamed elsewhere)' where id = 'csc'`));
    other.close();
    // A request is its own turn of the event loop; commits made elsewhere are seen from the next one.
    await new Promise((resolve) => setImmediate(resolve));
    const after = await app.request('/api/v1/organizations/csc');
    expect(after.headers.get('X-Cache')).toBe('miss');
    expect((await json(after)).name).toBe('CSC (renamed elsewhere)');
  });

  it('recomputes when the date changes (eligibility depends on it)', async () => {
    await app.request('/api/v1/organizations/aleph-alpha');
    expect((await app.request('/api/v1/organizations/aleph-alpha')).headers.get('X-Cache')).toBe('hit');
    clock.advance(24 * 60 * 60 * 1000);
    expect((await app.request('/api/v1/organizations/aleph-alpha')).headers.get('X-Cache')).toBe('miss');
  });

  it('never serves an answer judged at an instant later: an open tally is computed at the time of asking', async () => {
    const proposal = await openProposal(services, {
      actor: systemActor('test'),
      input: { kind: 'policy_change', title: 'A policy change', subject: { type: 'policy', reference: 'charter' } },
    });
    const first = await app.request(`/api/v1/proposals/${proposal.id}/tally`);
    const firstAt = (await json(first)).at;
    clock.advance(3 * 60 * 60 * 1000);
    const later = await app.request(`/api/v1/proposals/${proposal.id}/tally`);
    expect(later.headers.get('X-Cache')).not.toBe('hit');
    expect((await json(later)).at).toBe(clock().toISOString());
    expect(firstAt).not.toBe(clock().toISOString());
  });

  it('flips an overdue flag when the deadline passes, without any commit', async () => {
    const filed = await fileRequest(services, { actor: systemActor('test'), input: sampleRequest('inspection') as never });
    const { dueAt } = await json(app.request(`/api/v1/requests/${filed.id}`));
    // A minute before the deadline and a minute after: the same day, no commit in between.
    clock.set(new Date(Date.parse(dueAt) - 60_000).toISOString());
    expect((await json(app.request(`/api/v1/requests/${filed.id}`))).overdue).toBe(false);
    clock.set(new Date(Date.parse(dueAt) + 60_000).toISOString());
    const after = await app.request(`/api/v1/requests/${filed.id}`);
    expect(after.headers.get('X-Cache')).not.toBe('hit');
    expect((await json(after)).overdue).toBe(true);
  });

  it('keeps one entry whatever undeclared query parameters a reader adds, and the declared ones apart', async () => {
    const first = await app.request('/api/v1/models?limit=7&utm=a');
    expect(first.headers.get('X-Cache')).toBe('miss');
    const busting = await app.request(`/api/v1/models?cachebuster=${Math.random()}&limit=7`);
    expect(busting.headers.get('X-Cache')).toBe('hit');
    expect((await app.request('/api/v1/models?limit=8')).headers.get('X-Cache')).toBe('miss');
  });

  it('does not cache reads made with a token, nor health', async () => {
    for (let i = 0; i < 2; i++) {
      const withToken = await app.request('/api/v1/organizations/csc', { headers: { Authorization: `Bearer ${admin}` } });
      expect(withToken.headers.get('X-Cache')).toBeNull();
      expect(withToken.headers.get('ETag')).toBeTruthy();
      expect((await app.request('/api/v1/health')).headers.get('X-Cache')).toBeNull();
    }
  });
});
