import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser.ts';

/**
 * A real browser, JavaScript off, reading the pages of a built site straight from its folder: what
 * the pages must hold without their live scripts. Launched first, so a machine without chromium
 * fails before anything is built.
 */
export async function openBuiltPages(): Promise<{ use(dir: string): void; open(path: string): Promise<Page>; close(): Promise<void> }> {
  const browser: Browser = await launchBrowser();
  const context: BrowserContext = await browser.newContext({ javaScriptEnabled: false });
  let outDir: string | null = null;
  return {
    use: (dir) => void (outDir = dir),
    async open(path) {
      if (!outDir) throw new Error('openBuiltPages: call use(dir) with the built site first');
      const page = await context.newPage();
      await page.setContent(await readFile(join(outDir, path, 'index.html'), 'utf8'), { waitUntil: 'domcontentloaded' });
      return page;
    },
    close: () => browser.close(),
  };
}
