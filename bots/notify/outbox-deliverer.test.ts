import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isNotNull } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tables } from '../../db/index.ts';
import { silentLogger } from '../../api/logger.ts';
import { systemActor, type ServiceContext } from '../../api/services/context.ts';
import { writeWithLedger } from '../../api/services/ledger.ts';
import { enqueueOutbox, outboxDepth } from '../../api/services/outbox.ts';
import { createTestClock } from '../../test/helpers/clock.ts';
import { createTestDatabaseFile } from '../../test/helpers/database.ts';
import { createOutboxDeliverer, UndeliverableError, type DeliverMessage } from './outbox-deliverer.ts';

/** A remote service on loopback that creates and edits "comments", failing while told to. */
function startFakeRemote() {
  const calls: { method: string; path: string; body: string }[] = [];
  const comments = new Map<string, string>();
  let failuresLeft = 0;
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      calls.push({ method: request.method!, path: request.url!, body });
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        response.writeHead(502).end('down');
        return;
      }
      const id = request.method === 'PATCH' ? request.url!.split('/').pop()! : `c${comments.size + 1}`;
      comments.set(id, body);
      response.writeHead(request.method === 'PATCH' ? 200 : 201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id }));
    });
  });
  return {
    calls,
    comments,
    failNext: (count: number) => (failuresLeft = count),
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the outbox', () => {
  let file: Awaited<ReturnType<typeof createTestDatabaseFile>>;
  let remote: ReturnType<typeof startFakeRemote>;
  let url: string;
  const clock = createTestClock();
  let services: ServiceContext;
  beforeEach(async () => {
    file = await createTestDatabaseFile();
    services = { database: file.database, clock };
    remote = startFakeRemote();
    url = await remote.listen();
  });
  afterEach(async () => {
    await remote.close();
    file.cleanup();
  });

  const deliver: DeliverMessage = async (message) => {
    const response = await fetch(message.remoteId ? `${url}/comments/${message.remoteId}` : `${url}/comments`, {
      method: message.remoteId ? 'PATCH' : 'POST',
      body: JSON.stringify(message.payload),
    });
    if (!response.ok) throw new Error(`remote answered ${response.status}`);
    return { remoteId: ((await response.json()) as { id: string }).id };
  };
  const queue = (key: string, text: string, fail = false) =>
    writeWithLedger(services, systemActor('test'), async (tx, record) => {
      await enqueueOutbox(tx, { channel: 'fake', key, payload: { text }, now: clock() });
      record({ type: 'test.queued', subject: `test:${key}`, data: {} });
      if (fail) throw new Error('the write fails after queueing');
    });

  it('calls nothing from inside the write, and nothing at all for a write that rolled back', async () => {
    const deliverer = createOutboxDeliverer({ services, channels: { fake: deliver }, logger: silentLogger, pollMs: 60_000 });
    await expect(queue('rolled-back', 'never sent', true)).rejects.toThrow(/fails after queueing/);
    await queue('status', 'first');
    expect(remote.calls).toEqual([]);
    await deliverer.deliverDue();
    expect(remote.calls.map((call) => [call.method, call.body])).toEqual([['POST', '{"text":"first"}']]);
    await deliverer.stop();
  });

  it('keeps every message while the remote is down and delivers each once when it is back, editing in place', async () => {
    const deliverer = createOutboxDeliverer({ services, channels: { fake: deliver }, logger: silentLogger, pollMs: 60_000 });
    await queue('status', 'first');
    await queue('other', 'second');
    remote.failNext(3);
    for (let attempt = 0; attempt < 3; attempt++) {
      await deliverer.deliverDue();
      clock.advance(60 * 60 * 1000); // past any backoff
    }
    expect(await outboxDepth(file.database.db)).toEqual({ fake: 2 });
    await deliverer.deliverDue();
    expect(await outboxDepth(file.database.db)).toEqual({});
    expect([...remote.comments.values()]).toEqual(['{"text":"first"}', '{"text":"second"}']);
    // The status changes: the same message, edited where it was created.
    await queue('status', 'updated');
    await deliverer.deliverDue();
    await deliverer.deliverDue();
    expect(remote.calls.at(-1)).toMatchObject({ method: 'PATCH', path: '/comments/c1', body: '{"text":"updated"}' });
    expect(remote.comments.size).toBe(2);
    await deliverer.stop();
  });

  it('leaves messages of a channel without credentials queued, not lost', async () => {
    await queue('status', 'waits for a token');
    const deliverer = createOutboxDeliverer({ services, channels: {}, logger: silentLogger, pollMs: 60_000 });
    await deliverer.deliverDue();
    expect(await outboxDepth(file.database.db)).toEqual({ fake: 1 });
    await deliverer.stop();
  });

  it('queues an unchanged payload again as a no-op, and sends it again only when forced', async () => {
    const deliverer = createOutboxDeliverer({ services, channels: { fake: deliver }, logger: silentLogger, pollMs: 60_000 });
    await queue('status', 'same');
    await deliverer.deliverDue();
    await queue('status', 'same');
    await deliverer.deliverDue();
    expect(remote.calls).toHaveLength(1);
    await writeWithLedger(services, systemActor('test'), (tx) => enqueueOutbox(tx, { channel: 'fake', key: 'status', payload: { text: 'same' }, now: clock(), force: true }));
    await deliverer.deliverDue();
    expect(remote.calls.map((call) => call.method)).toEqual(['POST', 'PATCH']);
    await deliverer.stop();
  });

  it('sets a message the remote refuses for good aside as a dead letter, and the channel goes on', async () => {
    const refusing: DeliverMessage = async (message) => {
      if ((message.payload as { text: string }).text === 'gone') throw new UndeliverableError('the issue was deleted (404)');
      return deliver(message);
    };
    const deliverer = createOutboxDeliverer({ services, channels: { fake: refusing }, logger: silentLogger, pollMs: 60_000 });
    await queue('a', 'gone');
    await queue('b', 'after it');
    await deliverer.deliverDue();
    expect(await outboxDepth(file.database.db)).toEqual({});
    expect([...remote.comments.values()]).toEqual(['{"text":"after it"}']);
    const [dead] = await file.database.db.select().from(tables.outbox).where(isNotNull(tables.outbox.deadAt));
    expect(dead).toMatchObject({ key: 'a', lastError: 'the issue was deleted (404)' });
    await deliverer.stop();
  });
});
