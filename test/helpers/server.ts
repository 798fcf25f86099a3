import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

const REPO_ROOT = new URL('../..', import.meta.url).pathname;

export type ServerProcess = {
  url: string;
  child: ChildProcess;
  /** JSON log lines the server wrote on stdout, parsed. */
  logs: Record<string, unknown>[];
  /** Human-readable notices (URLs, the first admin token) from stderr. */
  stderr(): string;
  /** Waits until a log line matches. */
  waitForLog(match: (entry: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
};

/**
 * Starts the real hub (`node api/server.ts`, as `npm start` does) on a free port and resolves once
 * it listens. The environment is exactly what the test passes plus PATH: no leakage from the shell.
 */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['api/server.ts'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const waiters: { match: (entry: Record<string, unknown>) => boolean; resolve: (entry: Record<string, unknown>) => void }[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line);
    } catch {
      entry = { unparsed: line };
    }
    logs.push(entry);
    for (const waiter of [...waiters])
      if (waiter.match(entry)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(entry);
      }
  });

  const waitForLog = (match: (entry: Record<string, unknown>) => boolean, ms = timeoutMs) => {
    const found = logs.find(match);
    if (found) return Promise.resolve(found);
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching log line within ${ms} ms; stderr:\n${stderr}`)), ms);
      const exited = () => reject(new Error(`server exited before the expected log line; stderr:\n${stderr}`));
      child.once('exit', exited);
      waiters.push({
        match,
        resolve: (entry) => {
          clearTimeout(timer);
          child.off('exit', exited);
          resolve(entry);
        },
      });
    });
  };

  const listening = await waitForLog((entry) => entry.msg === 'listening');
  return {
    url: String(listening.url),
    child,
    logs,
    stderr: () => stderr,
    waitForLog,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      const [code] = await once(child, 'exit');
      return code as number | null;
    },
  };
}
