import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';

// Without chromium the browser suites must fail (CI installs it), saying in one line what to do.
describe('launchBrowser without chromium', () => {
  let dir: string;
  const configured = process.env.CHROMIUM_PATH;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'agora-no-chromium-'));
  });
  afterAll(async () => {
    if (configured === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = configured;
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** What launching fails with when CHROMIUM_PATH names `path` (as it does when chromium is missing). */
  const failure = async (path: string) => {
    process.env.CHROMIUM_PATH = path;
    const browser = await launchBrowser().catch((reason: Error) => reason);
    if (!(browser instanceof Error)) await browser.close();
    expect(browser).toBeInstanceOf(Error);
    return browser as Error;
  };

  it('says in one line that it is missing and how to install it', async () => {
    const error = await failure(join(dir, 'chromium'));
    expect(error.message).toBe(
      `Chromium not found at ${join(dir, 'chromium')}: the browser tests need it. Install it with \`apt-get install -y chromium\` (as .ci/run does), or set CHROMIUM_PATH to a Chromium binary.`,
    );
    expect(error.stack).toBe(`Error: ${error.message}`);
  });

  it('says so of a file that cannot run', async () => {
    await writeFile(join(dir, 'not-a-browser'), 'text', { mode: 0o644 });
    expect((await failure(join(dir, 'not-a-browser'))).message).toMatch(/^Chromium not executable at .*not-a-browser: .*apt-get install -y chromium/);
  });
});
