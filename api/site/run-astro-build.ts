import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { REPO_ROOT, SITE_DIR } from './site-paths.ts';

/** How many lines of Astro's output a failure carries. */
const TAIL_LINES = 40;
/** Colour codes some tools print even with NO_COLOR; they would garble error messages. */
const ANSI_ESCAPE = /\x1b\[[0-9;]*m/g;

/** Astro's CLI entry, from its package's `bin` (node_modules/.bin/astro is a shell shim on some systems). */
function astroEntry(): string {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', 'astro', 'package.json'), 'utf8'));
  const bin: unknown = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.astro;
  if (typeof bin !== 'string') throw new Error('node_modules/astro/package.json names no "astro" bin');
  return join(REPO_ROOT, 'node_modules', 'astro', bin);
}

/**
 * Runs `astro build` in site/ with the Node running this process (the repo pins Node 24; the
 * system one may be older) and the given site environment (site/src/env.ts). Resolves when Astro
 * exits 0; otherwise rejects with the tail of its output, which says what broke.
 */
export function runAstroBuild(options: {
  env: { AGORA_SITE_SNAPSHOT: string; AGORA_SITE_OUT_DIR: string };
  log?: (line: string) => void;
  signal?: AbortSignal;
}): Promise<void> {
  const { env, log, signal } = options;
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [astroEntry(), 'build'], {
      cwd: SITE_DIR,
      // Telemetry off: the build must not need the network. No colours: the tail goes into errors.
      env: { ...productionEnv(process.env), ...env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      signal,
    });
    const tail: string[] = [];
    const onLine = (raw: string) => {
      const line = raw.replace(ANSI_ESCAPE, '');
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      log?.(line);
    };
    splitLines(child.stdout, onLine);
    splitLines(child.stderr, onLine);
    child.on('error', (error) => reject(signal?.aborted ? signal.reason : error));
    child.on('close', (code, killedBy) => {
      if (code === 0) return resolvePromise();
      if (signal?.aborted) return reject(signal.reason);
      const how = killedBy ? `was killed by ${killedBy}` : `exited with code ${code}`;
      reject(new Error(`astro build ${how}:\n${tail.join('\n')}`));
    });
  });
}

/**
 * The environment of a production build, whatever the hub runs under. Astro's prerendering reads
 * Vite's built-in `import.meta.env` names from the process environment, and some parents set them:
 * vitest exports DEV=1, PROD='' and MODE=test, and a site built so renders its development
 * variant (Starlight then leaves the site search out).
 */
function productionEnv(parent: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DEV: _dev, PROD: _prod, MODE: _mode, SSR: _ssr, BASE_URL: _base, ...rest } = parent;
  return { ...rest, NODE_ENV: 'production' };
}

function splitLines(stream: Readable, onLine: (line: string) => void) {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (pending + chunk).split(/\r?\n/);
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) onLine(line);
  });
  stream.on('end', () => {
    if (pending.trim()) onLine(pending);
  });
}
