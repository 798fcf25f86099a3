import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../http/app-env.ts';
import { problemResponses } from '../http/problem.ts';
import { jsonContent } from '../http/schemas.ts';
import { validationHook } from '../http/validation-hook.ts';
import { getLedgerHead, listEvents, verifyLedger } from '../services/ledger.ts';

const ledgerEntrySchema = z
  .object({
    seq: z.number().int(),
    at: z.string().openapi({ format: 'date-time' }),
    actor: z.string().openapi({ example: 'system:sync' }),
    type: z.string().openapi({ example: 'organization.created' }),
    subject: z.string().openapi({ example: 'organization:charles-university' }),
    data: z.record(z.string(), z.unknown()).openapi({ type: 'object', description: 'Ids and digests only, never personal data.' }),
    prevHash: z.string(),
    hash: z.string().openapi({ description: 'sha256(prevHash + canonical JSON of {seq, at, actor, type, subject, data}).' }),
  })
  .openapi('LedgerEntry');

const verificationSchema = z
  .union([
    z.object({
      ok: z.literal(true),
      checked: z.number().int(),
      head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
    }),
    z.object({
      ok: z.literal(false),
      checked: z.number().int().openapi({ description: 'Entries verified before the first bad one.' }),
      firstBad: z.object({
        seq: z.number().int(),
        problem: z.enum(['seq_gap', 'prev_hash_mismatch', 'hash_mismatch']),
        message: z.string(),
      }),
    }),
  ])
  .openapi('LedgerVerification');

const verifyRoute = createRoute({
  method: 'get',
  path: '/ledger/verify',
  tags: ['Ledger'],
  summary: 'Recompute the hash chain and name the first bad entry',
  responses: { 200: jsonContent(verificationSchema, 'The verification result (ok or the first bad entry).') },
});

const eventsRoute = createRoute({
  method: 'get',
  path: '/events',
  tags: ['Ledger'],
  summary: 'The event feed: ledger entries after a sequence number',
  request: {
    query: z.object({
      after: z.coerce.number().int().min(0).default(0).openapi({ description: 'Return entries with seq greater than this.' }),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    }),
  },
  responses: {
    200: jsonContent(
      z.object({ items: z.array(ledgerEntrySchema), next: z.string().nullable().openapi({ description: 'Pass as `after` for the next page.' }) }).openapi('EventPage'),
      'Entries in sequence order.',
    ),
    ...problemResponses('invalid'),
  },
});

/** How often the stream looks for new entries, and how often it says it is still there. */
export const STREAM_POLL_MS = 1000;
const STREAM_KEEPALIVE_MS = 15_000;

const streamRoute = createRoute({
  method: 'get',
  path: '/events/stream',
  tags: ['Ledger'],
  summary: 'The event feed as server-sent events (id = seq; resumes from Last-Event-ID)',
  request: {
    query: z.object({ after: z.coerce.number().int().min(0).optional().openapi({ description: 'Start after this seq (default: now).' }) }),
    headers: z.object({ 'last-event-id': z.string().regex(/^\d+$/).optional() }),
  },
  responses: {
    200: { description: 'A stream of `ledger` events whose data is a LedgerEntry.', content: { 'text/event-stream': { schema: z.string() } } },
    ...problemResponses('invalid'),
  },
});

export const ledgerRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(verifyRoute, async (c) => c.json(await verifyLedger(c.get('services')), 200))
  .openapi(eventsRoute, async (c) => c.json(await listEvents(c.get('services'), c.req.valid('query')), 200))
  .openapi(streamRoute, async (c) => {
    const services = c.get('services');
    const resumeFrom = c.req.valid('header')['last-event-id'];
    let after = resumeFrom !== undefined ? Number(resumeFrom) : (c.req.valid('query').after ?? (await getLedgerHead(services))?.seq ?? 0);
    return streamSSE(c, async (stream) => {
      let idle = 0;
      while (!stream.aborted && !stream.closed && !c.get('closing').aborted) {
        const page = await listEvents(services, { after, limit: 500 });
        for (const entry of page.items) {
          await stream.writeSSE({ id: String(entry.seq), event: 'ledger', data: JSON.stringify(entry) });
          after = entry.seq;
        }
        if (page.next) continue;
        idle = page.items.length ? 0 : idle + STREAM_POLL_MS;
        if (idle >= STREAM_KEEPALIVE_MS) {
          await stream.write(': keep-alive\n\n');
          idle = 0;
        }
        await stream.sleep(STREAM_POLL_MS);
      }
    }) as never;
  });
