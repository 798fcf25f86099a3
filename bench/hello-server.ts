import { serve } from '@hono/node-server';
import { Hono } from 'hono';

/** The baseline: a Hono hello-world on the same Node server adapter, nothing else. */
const app = new Hono().get('/', (c) => c.json({ hello: 'world' }));
const server = serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
process.on('SIGTERM', () => server.close(() => process.exit(0)));
