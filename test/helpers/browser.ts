import { accessSync, constants } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where Debian's package puts chromium; CHROMIUM_PATH points elsewhere. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * Debian's chromium, headless, with nothing that phones home (the machine has no network). The
 * browser tests need it and fail without it — CI installs it (.ci/run) — saying in one line what
 * to do rather than with playwright's launch trace.
 */
export function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? DEBIAN_CHROMIUM;
  const missing = whyNotRunnable(executablePath);
  if (missing) return Promise.reject(chromiumMissing(`Chromium ${missing} at ${executablePath}`));
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

function whyNotRunnable(path: string): string | null {
  try {
    accessSync(path, constants.X_OK);
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : 'not executable';
  }
}

/** The message alone, without a stack: the test runner prints it as the one line it is. */
function chromiumMissing(what: string): Error {
  const error = new Error(
    `${what}: the browser tests need it. Install it with \`apt-get install -y chromium\` (as .ci/run does), or set CHROMIUM_PATH to a Chromium binary.`,
  );
  error.stack = `Error: ${error.message}`;
  return error;
}
