import { createAppAuth } from '@octokit/auth-app';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';
import type { Logger } from '../../api/logger.ts';

const BotOctokit = Octokit.plugin(retry, throttling);
export type GitHubClient = InstanceType<typeof BotOctokit>;

export type GitHubAuth = { kind: 'token'; token: string } | { kind: 'app'; appId: string; privateKey: string };

export type GitHubClientOptions = {
  apiUrl: string;
  auth: GitHubAuth;
  logger: Logger;
  /** Least time between two writes (POST, PATCH, PUT, DELETE): GitHub's secondary limits ask for about 1 s. */
  writeIntervalMs: number;
  /** Unit of the waits plugin-retry and plugin-throttling compute (1 s on GitHub; tests shorten it). */
  retryBaseMs: number;
};

/**
 * An Octokit that retries failures GitHub says are passing (plugin-retry: 5xx, with backoff),
 * waits out rate limits a few times before giving up (plugin-throttling: 429/403 with
 * Retry-After or an exhausted quota), and paces writes. What still fails goes back to the outbox,
 * which tries again later: nothing is dropped.
 */
function createClient(options: GitHubClientOptions, auth: Record<string, unknown>): GitHubClient {
  const { logger } = options;
  const mayWait = (what: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
    logger.warn(`github ${what}`, { method: request.method, url: request.url, retryAfter, retryCount });
    return retryCount < 3 && retryAfter <= 120;
  };
  return new BotOctokit({
    baseUrl: options.apiUrl.replace(/\/+$/, ''),
    userAgent: 'agora-bot',
    ...auth,
    log: { debug: () => {}, info: () => {}, warn: (message: string) => logger.warn('octokit', { message }), error: (message: string) => logger.warn('octokit', { message }) },
    retry: { retries: 3, retryAfterBaseValue: options.retryBaseMs },
    throttle: {
      onRateLimit: mayWait('rate limit'),
      onSecondaryRateLimit: mayWait('secondary rate limit'),
      retryAfterBaseValue: options.retryBaseMs,
      fallbackSecondaryRateRetryAfter: 60,
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.writeIntervalMs }),
      // Creating comments and issues notifies people: GitHub asks for more room between those.
      notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.writeIntervalMs * 3 }),
    },
  });
}

/** The client for one repository: with a token, or as the GitHub App's installation on it. */
export async function createRepositoryClient(options: GitHubClientOptions, repository: string): Promise<GitHubClient> {
  if (options.auth.kind === 'token') return createClient(options, { auth: options.auth.token });
  const app = createAppClient(options)!;
  const [owner, repo] = repository.split('/') as [string, string];
  const { data: installation } = await app.rest.apps.getRepoInstallation({ owner, repo });
  const cache = createTokenCache();
  const client = createClient(options, { authStrategy: createAppAuth, auth: { appId: options.auth.appId, privateKey: options.auth.privateKey, installationId: installation.id, cache } });
  // auth-app reuses a token until its hour is up; one GitHub revoked early (permissions changed, the
  // App reinstalled) would make every call fail until then. Forgetting it on a 401 makes the next
  // attempt (the outbox's or the queue's retry) ask for a new one.
  client.hook.error('request', (error) => {
    if ((error as { status?: number }).status === 401) cache.clear();
    throw error;
  });
  return client;
}

/** Installation tokens for auth-app, kept 59 minutes (GitHub's hour less a minute, as auth-app's own cache). */
function createTokenCache() {
  const entries = new Map<string, { value: string; until: number }>();
  return {
    get(key: string): string | undefined {
      const entry = entries.get(key);
      if (entry && entry.until > Date.now()) return entry.value;
      entries.delete(key);
      return undefined;
    },
    set: (key: string, value: string) => void entries.set(key, { value, until: Date.now() + 59 * 60_000 }),
    clear: () => entries.clear(),
  };
}

/** The client acting as the App itself (webhook deliveries, installations); null with a token. */
export function createAppClient(options: GitHubClientOptions): GitHubClient | null {
  if (options.auth.kind !== 'app') return null;
  return createClient(options, { authStrategy: createAppAuth, auth: { appId: options.auth.appId, privateKey: options.auth.privateKey } });
}
