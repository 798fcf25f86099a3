import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { tables } from '../../db/index.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { createTestClock } from '../helpers/clock.ts';
import { fixture } from '../helpers/github-hub.ts';
import type { ServiceContext } from '../../api/services/context.ts';

const SECRET = 'current-secret';
const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

async function setUp(secrets: { current: string; previous: string[] } | null = { current: SECRET, previous: ['old-secret'] }) {
  const services: ServiceContext = { database: await createTestDatabase(), clock: createTestClock('2026-12-01T10:00:00.000Z') };
  let stored = 0;
  const app = createApp({ services, githubWebhook: { secrets, onStored: () => stored++ } });
  const post = (body: string, headers: Record<string, string>) => app.request('/webhooks/github', { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  const deliver = (event: string, payload: unknown, { id = crypto.randomUUID(), secret = SECRET }: { id?: string; secret?: string } = {}) => {
    const body = JSON.stringify(payload);
    return post(body, { 'x-github-event': event, 'x-github-delivery': id, 'x-hub-signature-256': sign(body, secret) });
  };
  const deliveries = () => services.database.db.select().from(tables.githubDeliveries);
  return { services, app, post, deliver, deliveries, stored: () => stored };
}

describe('POST /webhooks/github', () => {
  let close: (() => void) | undefined;
  afterEach(() => close?.());

  it('answers 503 with a problem while no secret is set', async () => {
    const { post, services } = await setUp(null);
    close = () => services.database.close();
    const response = await post('{}', { 'x-github-event': 'ping', 'x-github-delivery': 'a' });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('GITHUB_WEBHOOK_SECRET');
  });

  it('refuses unsigned and wrongly signed deliveries with 401 and stores nothing', async () => {
    const { post, deliver, deliveries, services } = await setUp();
    close = () => services.database.close();
    const body = JSON.stringify(fixture('ping'));
    expect((await post(body, { 'x-github-event': 'ping', 'x-github-delivery': 'u1' })).status).toBe(401);
    expect((await deliver('ping', fixture('ping'), { secret: 'guessed' })).status).toBe(401);
    // Signed for another body: the signature covers the raw bytes.
    expect((await post(body.replace('zen', 'Zen'), { 'x-github-event': 'ping', 'x-github-delivery': 'u2', 'x-hub-signature-256': sign(body) })).status).toBe(401);
    expect(await deliveries()).toHaveLength(0);
  });

  it('stores a signed delivery, answers 202 at once, and a redelivery of the same GUID 200 without queueing it again', async () => {
    const { app, deliver, deliveries, services, stored } = await setUp();
    close = () => services.database.close();
    const first = await deliver('issues', fixture('issues.opened'), { id: 'guid-1' });
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ delivery: 'guid-1', event: 'issues', status: 'queued' });
    const again = await deliver('issues', fixture('issues.opened'), { id: 'guid-1' });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { status: string }).status).toBe('duplicate');
    const rows = await deliveries();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: 'guid-1', event: 'issues', action: 'opened', state: 'queued', duplicates: 1 });
    expect(stored()).toBe(1);
    // Health shows what waits to be applied.
    const health = (await (await app.request('/api/v1/health')).json()) as { queues: { githubDeliveries: { queued: number } } };
    expect(health.queues.githubDeliveries.queued).toBe(1);
  });

  it('accepts the previous secret while it rotates', async () => {
    const { deliver, services } = await setUp();
    close = () => services.database.close();
    expect((await deliver('ping', fixture('ping'), { secret: 'old-secret' })).status).toBe(202);
  });

  it('records every recorded payload, including events it has no handler for', async () => {
    const { deliver, deliveries, services } = await setUp();
    close = () => services.database.close();
    const names = ['ping', 'installation.created', 'issues.opened', 'issues.opened.with-empty-body', 'issues.edited', 'issues.labeled', 'issues.reopened', 'issue_comment.created', 'issue_comment.edited', 'pull_request.opened', 'pull_request.synchronize', 'pull_request.closed'];
    for (const name of names) expect((await deliver(name.split('.')[0]!, fixture(name))).status).toBe(202);
    expect((await deliver('star', { action: 'created', starred_at: null })).status).toBe(202);
    expect(await deliveries()).toHaveLength(names.length + 1);
  });

  it('refuses a signed body that is not a JSON object, or headers that are not GitHub\'s, with 400', async () => {
    const { post, services } = await setUp();
    close = () => services.database.close();
    for (const body of ['not json', '[1,2]', '"text"']) {
      const response = await post(body, { 'x-github-event': 'ping', 'x-github-delivery': 'g', 'x-hub-signature-256': sign(body) });
      expect(response.status).toBe(400);
    }
    const body = '{}';
    expect((await post(body, { 'x-github-event': 'ping', 'x-hub-signature-256': sign(body) })).status).toBe(400);
    expect((await post(body, { 'x-github-event': '../etc', 'x-github-delivery': 'g', 'x-hub-signature-256': sign(body) })).status).toBe(400);
  });

  it('stores hostile text harmlessly: lone surrogates and NUL become U+FFFD', async () => {
    const { post, deliveries, services } = await setUp();
    close = () => services.database.close();
    const body = '{"action":"opened","issue":{"number":1,"title":"\\ud800 bad \\u0000 nul","body":"<script>alert(1)</script>"}}';
    expect((await post(body, { 'x-github-event': 'issues', 'x-github-delivery': 'hostile', 'x-hub-signature-256': sign(body) })).status).toBe(202);
    const [row] = await services.database.db.select().from(tables.githubDeliveries).where(eq(tables.githubDeliveries.id, 'hostile'));
    expect((row!.payload as { issue: { title: string } }).issue.title).toBe('\uFFFD bad \uFFFD nul');
    expect(await deliveries()).toHaveLength(1);
  });
});
