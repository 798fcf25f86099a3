import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../api/services/context.ts';
import { verifyLedger } from '../../api/services/ledger.ts';
import { createToken } from '../../api/services/tokens.ts';
import { createTestHub, type TestHub } from '../helpers/app.ts';

let hub: TestHub;
beforeAll(async () => {
  hub = await createTestHub();
});
afterAll(() => hub.close());

/** Reads server-sent events until `count` have arrived. */
async function readEvents(response: Response, count: number, timeoutMs = 5000) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: { id: string; event: string; data: { seq: number; type: string } }[] = [];
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  while (events.length < count && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = Object.fromEntries(block.split('\n').filter((line) => !line.startsWith(':')).map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]));
      if (fields.data) events.push({ id: fields.id!, event: fields.event!, data: JSON.parse(fields.data) });
    }
  }
  await reader.cancel();
  return events;
}

describe('GET /api/v1/events/stream', () => {
  it('streams the ledger from a sequence number and then what happens next', async () => {
    const head = (await verifyLedger(hub.services)) as { head: { seq: number } };
    const from = head.head.seq - 3;
    const response = await hub.request(`/api/v1/events/stream?after=${from}`);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/event-stream/);
    const pending = readEvents(response, 4);
    // Something happens while the client listens.
    setTimeout(() => void createToken(hub.services, { actor: systemActor('test'), input: { name: 'streamed', scopes: ['write'] } }), 200);
    const events = await pending;
    expect(events.map((event) => Number(event.id))).toEqual([from + 1, from + 2, from + 3, from + 4]);
    expect(events.every((event) => event.event === 'ledger' && event.data.seq === Number(event.id))).toBe(true);
    expect(events.at(-1)!.data.type).toBe('token.created');
  });

  it('resumes after Last-Event-ID', async () => {
    const response = await hub.request('/api/v1/events/stream', { headers: { 'Last-Event-ID': '65' } });
    const events = await readEvents(response, 2);
    expect(events.map((event) => event.id)).toEqual(['66', '67']);
  });
});
