import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const REPO_ROOT = new URL('../..', import.meta.url).pathname;
/** The project's Node 24 (the machine's own node may be older and cannot run `.ts`). */
const NODE = join(REPO_ROOT, 'node_modules/.bin/node');
const KEEP_LOG_LINES = 5_000;
const KEEP_STDERR = 64 * 1024;

export type WireRequest = { method: string; target: string; headers: [string, string][]; body: Buffer | null };

export type Answer = {
  kind: 'answer';
  status: number;
  contentType: string;
  requestId: string | null;
  /** The body (an event stream is cut after its headers). */
  body: Buffer;
  ms: number;
};
export type Transport = { kind: 'timeout'; ms: number } | { kind: 'transport'; message: string; ms: number };
export type Outcome = Answer | Transport;

export type Exit = { code: number | null; signal: NodeJS.Signals | null; stderr: string };

/**
 * The real hub as a child process (`node api/server.ts` on a temporary file database, API only),
 * spoken to over real HTTP. A request that kills it does not kill the test: the exit is seen, its
 * stderr kept (a libSQL panic prints there), and the hub restarted on a pristine copy of the
 * database taken after set-up, with the same tokens.
 */
export class FuzzHub {
  readonly dir = mkdtempSync(join(tmpdir(), 'agora-fuzz-'));
  readonly databaseFile = join(this.dir, 'agora.db');
  readonly pristineFile = join(this.dir, 'pristine.db');
  url = '';
  bootstrapToken: string | null = null;
  restarts = 0;
  /** Time spent restarting after crashes and broken ledgers, and waiting for answers. */
  restartMs = 0;
  sendMs = 0;
  /** Set when the current process exited without being asked to. */
  exit: Exit | null = null;
  private child: ChildProcess | null = null;
  private logs: Record<string, unknown>[] = [];
  private stderr = '';
  private agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  private stopping = false;

  async start(timeoutMs = 90_000): Promise<void> {
    this.exit = null;
    this.stopping = false;
    this.logs = [];
    this.stderr = '';
    const child = spawn(NODE, ['api/server.ts'], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'info',
        DATABASE_URL: `file:${this.databaseFile}`,
        AGORA_SKIP_SITE: 'true',
        AGORA_DEMO: 'true',
        SITE_REFRESH_SECONDS: '0',
        // The limits have their own tests (test/api/rate-limits.test.ts); at their defaults one
        // address's thousands of cases would mostly be answered 429 and reach nothing else.
        RATE_LIMIT_MULTIPLIER: process.env.FUZZ_RATE_LIMIT_MULTIPLIER ?? '1000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    // A test runner that dies must not leave its hub behind.
    const orphaned = () => child.kill('SIGKILL');
    process.once('exit', orphaned);
    child.once('exit', () => process.off('exit', orphaned));
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-KEEP_STDERR);
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line);
      } catch {
        entry = { unparsed: line };
      }
      this.logs.push(entry);
      if (this.logs.length > KEEP_LOG_LINES) this.logs.splice(0, this.logs.length - KEEP_LOG_LINES);
    });
    child.on('exit', (code, signal) => {
      if (!this.stopping) this.exit = { code, signal, stderr: this.stderr };
    });
    const started = Date.now();
    while (!this.logs.some((entry) => entry.msg === 'listening')) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the hub did not start (exit ${child.exitCode ?? child.signalCode}):\n${this.stderr}`);
      if (Date.now() - started > timeoutMs) throw new Error(`the hub did not listen within ${timeoutMs} ms:\n${this.stderr}`);
      await sleep(25);
    }
    this.url = String(this.logs.find((entry) => entry.msg === 'listening')!.url).replace('localhost', '127.0.0.1');
    this.bootstrapToken ??= /^\s+(agora_[\w-]{43})$/m.exec(this.stderr)?.[1] ?? null;
    this.agent.destroy();
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  }

  get alive(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves once the process has exited, or with false after `ms`. */
  async exitedWithin(ms: number): Promise<boolean> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (!this.alive) return true;
      await sleep(20);
    }
    return !this.alive;
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.agent.destroy();
    if (!child || !this.alive) return;
    this.stopping = true;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  /** Stops the hub cleanly (its WAL checkpointed), keeps a copy of the database, and starts it again. */
  async keepPristineCopy(): Promise<void> {
    await this.stop();
    copyFileSync(this.databaseFile, this.pristineFile);
    await this.start();
  }

  /** After a crash (or a broken ledger): a fresh process on the pristine database. */
  async restartPristine(): Promise<void> {
    const started = Date.now();
    await this.stop();
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(this.databaseFile + suffix)) rmSync(this.databaseFile + suffix);
    copyFileSync(this.pristineFile, this.databaseFile);
    this.restarts++;
    await this.start();
    this.restartMs += Date.now() - started;
  }

  /** The hub's `unhandled error` log line for a request id (it may follow the answer by a moment). */
  async errorLogFor(requestId: string | null, waitMs = 300): Promise<Record<string, unknown> | null> {
    if (!requestId) return null;
    const until = Date.now() + waitMs;
    for (;;) {
      const found = this.logs.find((entry) => entry.requestId === requestId && entry.level === 'error');
      if (found || Date.now() > until) return found ?? null;
      await sleep(10);
    }
  }

  /** The last lines the process wrote on stdout (JSON logs), for crash reports. */
  lastLogLines(count: number): Record<string, unknown>[] {
    return this.logs.slice(-count);
  }

  /**
   * Sends one request and reads the whole answer. A keep-alive socket the server closed just as it
   * was reused fails with ECONNRESET before the request reached the app: that one is retried once
   * on a fresh connection (Node's advice for `reusedSocket`), any other failure is reported.
   */
  async send(request: WireRequest, timeoutMs = 15_000): Promise<Outcome> {
    const started = Date.now();
    const first = await this.sendOnce(request, timeoutMs);
    const outcome = first.kind === 'transport' && first.reusedSocket && this.alive ? await this.sendOnce(request, timeoutMs, false) : first;
    this.sendMs += Date.now() - started;
    return outcome;
  }

  private sendOnce(request: WireRequest, timeoutMs: number, keepAlive = true): Promise<Outcome & { reusedSocket?: boolean }> {
    const started = performance.now();
    const { hostname, port } = new URL(this.url);
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of request.headers) {
      const existing = headers[name];
      headers[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
    }
    if (request.body) headers['Content-Length'] = String(request.body.length);
    return new Promise<Outcome & { reusedSocket?: boolean }>((resolve) => {
      let settled = false;
      const settle = (outcome: Outcome & { reusedSocket?: boolean }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      const ms = () => Math.round(performance.now() - started);
      let outgoing: http.ClientRequest;
      try {
        outgoing = http.request({ hostname, port, method: request.method, path: request.target, headers, agent: keepAlive ? this.agent : false });
      } catch (error) {
        settle({ kind: 'transport', message: `client refused to send: ${(error as Error).message}`, ms: ms() });
        return;
      }
      const timer = setTimeout(() => {
        outgoing.destroy();
        settle({ kind: 'timeout', ms: ms() });
      }, timeoutMs);
      outgoing.on('error', (error) =>
        settle({ kind: 'transport', message: `${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}`.trim(), ms: ms(), reusedSocket: outgoing.reusedSocket }),
      );
      outgoing.on('response', (response) => {
        const contentType = String(response.headers['content-type'] ?? '');
        const requestId = typeof response.headers['x-request-id'] === 'string' ? response.headers['x-request-id'] : null;
        const status = response.statusCode ?? 0;
        if (contentType.startsWith('text/event-stream')) {
          response.destroy();
          settle({ kind: 'answer', status, contentType, requestId, body: Buffer.alloc(0), ms: ms() });
          return;
        }
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => settle({ kind: 'answer', status, contentType, requestId, body: Buffer.concat(chunks), ms: ms() }));
        response.on('error', (error) => settle({ kind: 'transport', message: `answer cut: ${error.message}`, ms: ms() }));
      });
      outgoing.end(request.body ?? undefined);
    });
  }

  /** JSON helper for set-up calls (tokens, crawling): throws unless 2xx. */
  async json(method: string, target: string, token: string | null, body?: unknown): Promise<unknown> {
    const headers: [string, string][] = [];
    if (token) headers.push(['Authorization', `Bearer ${token}`]);
    if (body !== undefined) headers.push(['Content-Type', 'application/json']);
    const outcome = await this.send({ method, target, headers, body: body === undefined ? null : Buffer.from(JSON.stringify(body)) });
    if (outcome.kind !== 'answer' || outcome.status >= 300)
      throw new Error(`${method} ${target} failed during set-up: ${outcome.kind === 'answer' ? `${outcome.status} ${outcome.body.toString('utf8').slice(0, 500)}` : outcome.kind}`);
    return JSON.parse(outcome.body.toString('utf8'));
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
