import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { loadConfig } from '../../api/env.ts';
import { startHub, type RunningHub } from '../../api/hub/start-hub.ts';
import { silentLogger } from '../../api/logger.ts';
import type { Database } from '../../db/index.ts';
import { copyContent } from './content.ts';
import { startFakeGitHub, type FakeGitHub } from './fake-github.ts';

export const REPOSITORY = 'agora/requests';
export const WEBHOOK_SECRET = 'test-webhook-secret';
const FIXTURES = new URL('../fixtures/github/', import.meta.url).pathname;

/** A recorded payload (copied from the consortium's shared fixtures into test/fixtures/github), as GitHub sent it. */
export function fixture(name: string): Record<string, any> {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8'));
}

export type HubPerson = { id: string; organization: string; roles: string[]; github: string; discord?: string };

export type GitHubHub = {
  hub: RunningHub;
  github: FakeGitHub;
  /** Sends a delivery signed with `secret` (the webhook's by default), as GitHub would. */
  deliver(event: string, payload: unknown, options?: { id?: string; secret?: string | null; body?: string }): Promise<Response>;
  /** Applies every queued delivery, maps the ledger to messages and delivers the outbox, until all is quiet. */
  settle(): Promise<void>;
  api(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
  adminToken: string;
  /** A read-only connection of its own to the hub's database file: rows as the hub committed them. */
  db: Database;
  /** The environment the hub was started with (DATABASE_URL, GITHUB_*), e.g. for `runCli`. */
  env: Record<string, string>;
  /**
   * Stops the hub as a shutdown would and starts a new one on the same database file, content and
   * fake GitHub (`hub` is the new one; the admin token stays valid).
   */
  restart(): Promise<void>;
  /** The hub's clock: real time plus an offset that `advance` moves on (deadlines, backoff). */
  clock: { (): Date; advance(ms: number): void };
  close(): Promise<void>;
};

/** Real time, shifted by what the test advanced: timers keep running, deadlines can be skipped to. */
function createOffsetClock() {
  let offset = 0;
  return Object.assign(() => new Date(Date.now() + offset), { advance: (ms: number) => void (offset += ms) });
}

/**
 * The real hub (startHub, a file database) wired to a fake GitHub on 127.0.0.1: webhooks reach it
 * over HTTP with real HMAC signatures, and its Octokit writes to the fake.
 */
export async function startGitHubHub(options: { people?: HubPerson[]; env?: Record<string, string>; auth?: 'token' | 'app' } = {}): Promise<GitHubHub> {
  const github = await startFakeGitHub({ repos: [REPOSITORY] });
  const content = copyContent();
  const people = options.people ?? [];
  const yaml = people
    .map((person) => `  - id: ${person.id}\n    display_name: ${person.id}\n    github: ${person.github}\n${person.discord ? `    discord: "${person.discord}"\n` : ''}    organization: ${person.organization}\n    roles: [${person.roles.join(', ')}]\n`)
    .join('');
  writeFileSync(join(content.dir, 'governance/members.yaml'), people.length ? `members:\n${yaml}` : 'members: []\n');
  const dataDir = mkdtempSync(join(tmpdir(), 'agora-github-hub-'));
  const auth: Record<string, string> =
    (options.auth ?? 'token') === 'token'
      ? { GITHUB_TOKEN: github.userToken }
      : { GITHUB_APP_ID: String(github.appId), GITHUB_PRIVATE_KEY: github.appPrivateKey };
  const env: Record<string, string> = {
    DATABASE_URL: `file:${join(dataDir, 'agora.db')}`,
    PORT: '0',
    CONTENT_DIR: content.dir,
    AGORA_DEMO: 'false',
    AGORA_SKIP_SITE: 'true',
    LOG_LEVEL: 'silent',
    GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_API_URL: github.url,
    GITHUB_WRITE_INTERVAL_MS: '0',
    GITHUB_RETRY_BASE_MS: '5',
    GITHUB_SYNC_MINUTES: '0',
    RATE_LIMIT_MULTIPLIER: '100',
    DECISION_CLOCK_SECONDS: '1',
    ...auth,
    ...options.env,
  };
  const config = loadConfig(env);
  const clock = createOffsetClock();
  let hub = await startHub(config, silentLogger, clock);
  const adminToken = hub.bootstrapToken!;
  const reader = createClient({ url: env.DATABASE_URL!, concurrency: 1 });
  await reader.execute('PRAGMA query_only = ON');

  async function deliver(event: string, payload: unknown, { id = randomUUID(), secret = WEBHOOK_SECRET, body = JSON.stringify(payload) } = {}) {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': id, 'user-agent': 'GitHub-Hookshot/test' };
    if (secret !== null) headers['x-hub-signature-256'] = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    return fetch(`${hub.url}/webhooks/github`, { method: 'POST', headers, body });
  }

  /** Outbox messages due now (not those waiting out a backoff) and deliveries not yet applied. */
  async function pending(): Promise<number> {
    const now = clock().toISOString();
    const due = await reader.execute({ sql: 'SELECT count(*) AS n FROM outbox WHERE delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= ?', args: [now] });
    const queued = await reader.execute({ sql: "SELECT count(*) AS n FROM github_deliveries WHERE state = 'queued' AND next_attempt_at <= ?", args: [now] });
    return Number(due.rows[0]!.n) + Number(queued.rows[0]!.n);
  }

  async function settle() {
    for (let round = 0; round < 20; round++) {
      const applied = await hub.github.queue.applyQueued();
      const mapped = (await hub.github.feed.consume()) + ((await hub.discord.feed?.consume()) ?? 0);
      await hub.deliverOutbox();
      if (applied === 0 && mapped === 0) break;
    }
    // A pass the hub started on its own may still be running: give what is still due a few more
    // passes (while GitHub is down, messages stay due and this ends anyway).
    for (let extra = 0; extra < 5 && (await pending()) > 0; extra++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await hub.deliverOutbox();
    }
  }

  const self: GitHubHub = {
    hub,
    github,
    deliver,
    settle,
    adminToken,
    db: drizzle(reader) as Database,
    env,
    async restart() {
      await hub.close();
      hub = self.hub = await startHub(config, silentLogger, clock);
    },
    clock,
    api: (path, { token, headers, ...init } = {}) =>
      fetch(`${hub.url}${path}`, { ...init, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(headers as Record<string, string>) } }),
    async close() {
      await hub.close();
      reader.close();
      await github.close();
      content.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return self;
}
