import { randomBytes } from 'node:crypto';
import { createFaultInjector as createGenericFaultInjector, type FaultInjector as GenericFaultInjector, type RequestMatch } from '../fault-injector.ts';
import { GitHubError } from './github-error.ts';
import { primaryRateLimit, rateLimitHeaders, type RateWindow } from './rate-budget.ts';

export type { RequestMatch } from '../fault-injector.ts';

export type Fault = {
  status: 403 | 429 | 500 | 502 | 503;
  /** For a secondary limit: the `retry-after` header. For a primary one: seconds until `x-ratelimit-reset`. */
  retryAfterSeconds?: number;
  /** A 403/429 that is a secondary rate limit (GitHub's wording, `retry-after`) rather than a primary one. */
  secondary?: boolean;
  match?: RequestMatch;
};

export type FaultInjector = GenericFaultInjector<Fault>;
export const createFaultInjector = () => createGenericFaultInjector<Fault>();

const SERVER_MESSAGES: Record<number, string> = { 500: 'Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };

/**
 * The answer GitHub gives for a fault. plugin-throttling recognises a secondary limit by the words
 * "secondary rate" in the message (then reads `retry-after`) and a primary one by
 * `x-ratelimit-remaining: 0` (then waits until `x-ratelimit-reset`); plugin-retry retries the rest.
 */
export function faultError(fault: Fault, window: RateWindow): GitHubError {
  if (fault.status === 403 || fault.status === 429) {
    if (!fault.secondary)
      return primaryRateLimit({ ...window, reset: Math.ceil(Date.now() / 1000) + (fault.retryAfterSeconds ?? 60) }, fault.status);
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    return new GitHubError(
      fault.status,
      `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
      {
        documentationUrl: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
        headers: { ...rateLimitHeaders(window), ...retryAfter(fault) },
      },
    );
  }
  return new GitHubError(fault.status, SERVER_MESSAGES[fault.status] ?? 'Server Error', { headers: { ...rateLimitHeaders(window), ...retryAfter(fault) } });
}

function retryAfter(fault: Fault): Record<string, string> {
  return fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
}
