import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { syncContent } from '../../api/services/content/sync-content.ts';
import { systemActor } from '../../api/services/context.ts';
import { createToken } from '../../api/services/tokens.ts';
import { openDatabase } from '../../db/index.ts';
import { CONTENT_DIR } from '../helpers/app.ts';
import { createTestClock } from '../helpers/clock.ts';
import { createTestDatabaseFile } from '../helpers/database.ts';
import { json } from '../helpers/http.ts';

/** The read cache on the embedded default (a file database), where it is on. */
let file: Awaited<ReturnType<typeof createTestDatabaseFile>>;
let app: ReturnType<typeof createApp>;
const clock = createTestClock();
let admin: string;

beforeAll(async () => {
  file = await createTestDatabaseFile();
  const services = { database: file.database, clock };
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

  it('does not cache reads made with a token, nor health', async () => {
    for (let i = 0; i < 2; i++) {
      const withToken = await app.request('/api/v1/organizations/csc', { headers: { Authorization: `Bearer ${admin}` } });
      expect(withToken.headers.get('X-Cache')).toBeNull();
      expect(withToken.headers.get('ETag')).toBeTruthy();
      expect((await app.request('/api/v1/health')).headers.get('X-Cache')).toBeNull();
    }
  });
});
