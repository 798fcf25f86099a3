import { createAppAuth } from '@octokit/auth-app';
import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import type { FakeGitHub } from '../fake-github.ts';

const TestOctokit = Octokit.plugin(retry, throttling);
export type TestOctokit = InstanceType<typeof TestOctokit>;

/** A rate-limit handler call, as plugin-throttling made it. */
export type LimitSeen = { kind: 'primary' | 'secondary'; retryAfter: number; method: string; url: string; retryCount: number };

/** The unit plugin-throttling multiplies `retry-after` by (1 000 on GitHub). */
export const THROTTLE_UNIT_MS = 10;

/**
 * plugin-throttling spaces writes 1 s apart (3 s for ones that notify) through Bottleneck groups;
 * this group runs every job at once, so the tests do not sleep. It has the one method the plugin calls.
 */
const immediateGroup = {
  key: () => ({ schedule: (_options: unknown, job: (...args: unknown[]) => unknown, ...args: unknown[]) => Promise.resolve(job(...args)) }),
} as unknown as NonNullable<ThrottlingOptions['write']>;

export type TestAuth = { token: string } | { app: 'installation' | 'jwt'; privateKey?: string };

/**
 * A real Octokit with plugin-retry and plugin-throttling (and @octokit/auth-app for `app`) aimed at
 * the fake, with waits shortened to milliseconds. 429 is left to plugin-throttling alone, so a test
 * that passes shows the fake's rate-limit answers are recognised as such. Limit handlers retry twice.
 */
export function createTestOctokit(fake: FakeGitHub, auth: TestAuth, retryUnitMs = 1): { octokit: TestOctokit; limits: LimitSeen[] } {
  const limits: LimitSeen[] = [];
  const onLimit = (kind: LimitSeen['kind']) => (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
    limits.push({ kind, retryAfter, method: options.method, url: options.url, retryCount });
    return retryCount < 2;
  };
  const credentials =
    'token' in auth
      ? { auth: auth.token }
      : {
          authStrategy: createAppAuth,
          auth: {
            appId: fake.appId,
            privateKey: auth.privateKey ?? fake.appPrivateKey,
            ...(auth.app === 'installation' ? { installationId: fake.installationId } : {}),
          },
        };
  const octokit = new TestOctokit({
    baseUrl: fake.url,
    ...credentials,
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    retry: { retryAfterBaseValue: retryUnitMs, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    throttle: {
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
      retryAfterBaseValue: THROTTLE_UNIT_MS,
      write: immediateGroup,
      notifications: immediateGroup,
    },
  });
  return { octokit, limits };
}

/** The error a call rejected with, for asserting on its status and message. */
export async function rejectionOf(call: Promise<unknown>): Promise<{ status: number; message: string; response?: { data: unknown; headers: Record<string, string> } }> {
  try {
    await call;
  } catch (error) {
    return error as Awaited<ReturnType<typeof rejectionOf>>;
  }
  throw new Error('expected the call to fail');
}
