import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../api/cli.ts';
import { startServerProcess } from '../helpers/server.ts';

const dir = mkdtempSync(join(tmpdir(), 'agora-refresh-'));
const env = { DATABASE_URL: `file:${join(dir, 'agora.db')}`, SITE_OUT_DIR: join(dir, 'site'), AGORA_DEMO: 'false', SITE_REFRESH_SECONDS: '1' };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a running hub', () => {
  it('rebuilds its site when the data changes, even from another process', async () => {
    const server = await startServerProcess(env);
    try {
      await server.waitForLog((entry) => entry.msg === 'site build finished', 150_000);
      expect(await (await fetch(`${server.url}/models/`)).text()).not.toContain('Agora Demo 1B v0.2');
      // Another process (the CLI) adds data to the same database.
      const quiet = { out: () => {}, err: () => {} };
      expect(await runCli(['demo'], { DATABASE_URL: env.DATABASE_URL }, quiet)).toBe(0);
      // A refresh may have begun while the demo was still writing; the one after it shows it all.
      const finished = () => server.logs.filter((entry) => entry.msg === 'site build finished').length;
      let page = '';
      for (let builds = finished(), attempt = 0; attempt < 3 && !page.includes('Agora Demo 1B v0.2'); attempt++, builds = finished()) {
        await server.waitForLog((entry) => entry.msg === 'site build finished' && finished() > builds, 150_000);
        page = await (await fetch(`${server.url}/models/`)).text();
      }
      expect(page).toContain('Agora Demo 1B v0.2');
      expect(server.logs).toContainEqual(expect.objectContaining({ msg: 'site build started', reason: 'stale' }));
    } finally {
      await server.stop();
    }
    // Up to four full site builds (production builds with the search index) on a shared 2-core machine.
  }, 600_000);
});
