import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../../api/app.ts';
import type { ServiceContext } from '../../api/services/context.ts';

/**
 * The real app on 127.0.0.1 serving a built site and the API from `services`, as the hub does: a
 * browser gets the pages with their headers, and the pages' live scripts reach the same API.
 */
export async function serveBuiltSite(services: ServiceContext, siteDir: string): Promise<{ url: string; close(): Promise<void> }> {
  const app = createApp({ services, site: { dir: siteDir, state: () => 'ready' } });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
    started.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
