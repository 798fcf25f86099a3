import { Hono } from 'hono';
import { notFound } from '../github-error.ts';
import { intParam } from '../read-body.ts';
import { paginateByCursor } from '../paginate.ts';
import { renderApp, renderDelivery, renderInstallation } from '../render.ts';
import { toGitHubTime } from '../store/store.ts';
import { createDelivery, listDeliveries, requireDelivery } from '../store/deliveries.ts';
import type { HookDelivery } from '../store/types.ts';
import { repoOf, type FakeEnv, type World } from '../world.ts';

/** Installation tokens live an hour, as on GitHub. */
const TOKEN_LIFETIME_MS = 3_600_000;

/** The app's own endpoints (JWT only): itself, its installation and tokens, its webhook deliveries. */
export function appRoutes(world: World): Hono<FakeEnv> {
  const app = new Hono<FakeEnv>();

  app.get('/app', (c) => c.json(renderApp(world.api, world.app)));

  app.get('/app/installations', (c) => c.json([renderInstallation(world.api, world.app)]));

  app.get('/app/installations/:id{[0-9]+}', (c) => {
    if (intParam(c, 'id') !== world.app.installationId) throw notFound();
    return c.json(renderInstallation(world.api, world.app));
  });

  app.post('/app/installations/:id{[0-9]+}/access_tokens', (c) => {
    const installationId = intParam(c, 'id');
    if (installationId !== world.app.installationId) throw notFound();
    const expiresAt = Date.now() + TOKEN_LIFETIME_MS;
    const token = world.tokens.issueInstallationToken(installationId, expiresAt);
    const { permissions } = renderInstallation(world.api, world.app);
    return c.json({ token, expires_at: toGitHubTime(expiresAt), permissions, repository_selection: 'all' }, 201);
  });

  app.get('/repos/:owner/:repo/installation', (c) => {
    repoOf(world, c);
    return c.json(renderInstallation(world.api, world.app));
  });

  app.get('/app/hook/deliveries', (c) => {
    const page = paginateByCursor(c, listDeliveries(world.store), (delivery) => delivery.id);
    return c.json(page.map(renderDelivery));
  });

  app.get('/app/hook/deliveries/:id{[0-9]+}', (c) => {
    const delivery = requireDelivery(world.store, intParam(c, 'id'));
    return c.json({
      ...renderDelivery(delivery),
      url: '',
      request: { headers: { 'X-GitHub-Event': delivery.event, 'X-GitHub-Delivery': delivery.guid }, payload: delivery.payload },
      response: { headers: {}, payload: null },
    });
  });

  app.post('/app/hook/deliveries/:id{[0-9]+}/attempts', (c) => {
    const original = requireDelivery(world.store, intParam(c, 'id'));
    // GitHub accepts at once and redelivers later; the new entry appears once the receiver answered.
    const done = new Promise<void>((resolve) => setImmediate(resolve)).then(() => redeliver(world, original));
    world.pending.add(done);
    void done.finally(() => world.pending.delete(done));
    return c.json({}, 202);
  });

  return app;
}

async function redeliver(world: World, original: HookDelivery): Promise<void> {
  const started = Date.now();
  let statusCode: number;
  try {
    statusCode = (await world.onRedelivery?.(original)) ?? 200;
  } catch {
    statusCode = 502;
  }
  const { id: _id, delivered_at: _at, ...copy } = original;
  createDelivery(world.store, {
    ...copy,
    redelivery: true,
    status_code: statusCode,
    status: statusCode < 300 ? 'OK' : `Invalid HTTP Response: ${statusCode}`,
    duration: (Date.now() - started) / 1000,
  });
}
