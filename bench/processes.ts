import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync } from 'node:fs';
import { createServer } from 'node:net';

const ROOT = new URL('..', import.meta.url).pathname;

export type Served = { url: string; child: ChildProcess; stop(): Promise<void> };

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/**
 * Starts a server script on a free port with its output going to `logFile` — as a deployment's
 * logs go to a file or journal: a pipe read by this busy process would throttle the server — and
 * resolves once `readyPath` answers.
 */
export async function startServer(script: string, options: { env?: Record<string, string>; logFile: string; readyPath?: string }): Promise<Served> {
  const port = await freePort();
  const log = openSync(options.logFile, 'a');
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), ...options.env },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}; see ${options.logFile}`);
    try {
      if ((await fetch(`${url}${options.readyPath ?? '/'}`)).ok) break;
    } catch {
      // not listening yet
    }
    if (attempt > 300) throw new Error(`${script} did not answer within 30 s; see ${options.logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
