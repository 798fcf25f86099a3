import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

const ROOT = new URL('..', import.meta.url).pathname;

export type Served = { url: string; child: ChildProcess; stop(): Promise<void> };

/** Starts a Node script that logs `{"msg":"listening","url":…}` on stdout; other output is dropped. */
export async function startServer(script: string, env: Record<string, string> = {}): Promise<Served> {
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    let found = false;
    lines.on('line', (line) => {
      if (found) return;
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'listening' && entry.url) {
          found = true;
          resolve(entry.url);
        }
      } catch {
        // npm banners and the like
      }
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before listening`)));
  });
  // Keep draining stdout (the hub logs every request) so the pipe never blocks the server.
  child.stdout!.resume();
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
