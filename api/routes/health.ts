import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/app-env.ts';
import { jsonContent } from '../http/schemas.ts';
import { checkHealth } from '../services/health.ts';

const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    time: z.string().openapi({ format: 'date-time' }),
    database: z.object({ kind: z.enum(['file', 'memory', 'remote']), reachable: z.boolean() }),
    ledger: z.object({ head: z.number().int().nullable() }),
    queues: z
      .object({
        outbox: z.record(z.string(), z.number().int()).openapi({ description: 'Messages waiting per channel (github, discord).' }),
        githubDeliveries: z.object({ queued: z.number().int(), failed: z.number().int() }).openapi({ description: 'Webhook deliveries stored and not yet applied, and those set aside after repeated failures.' }),
        deadLetters: z.number().int().openapi({ description: 'Outbox messages the remote side refused for good.' }),
      })
      .optional(),
  })
  .openapi('Health');

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Operations'],
  summary: 'Whether the hub and its database are up',
  responses: {
    200: jsonContent(healthSchema, 'The hub is healthy.'),
    503: jsonContent(healthSchema, 'The hub cannot reach its database.'),
  },
});

export const healthRoutes = new OpenAPIHono<AppEnv>().openapi(healthRoute, async (c) => {
  const report = await checkHealth(c.get('services'));
  return report.status === 'ok' ? c.json(report, 200) : c.json(report, 503);
});
