import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * What one caller may do in a window. Limits protect the shared record (the transparency figures,
 * the ledger, the people handling requests) from one token or one address; they sit well above
 * what a person or a job does (the bench's single reporter token sends thousands of reports a second).
 */
export type RateLimitRule = { points: number; durationSeconds: number; blockSeconds?: number; what: string };

export const RATE_LIMIT_RULES = {
  /** Wrong or unknown bearer tokens from one address: guessing is slowed to a crawl. */
  authFailures: { points: 10, durationSeconds: 60, blockSeconds: 300, what: 'failed authentications from this address' },
  /**
   * Webhook deliveries with a wrong signature from one address. Looser than tokens: guessing an
   * HMAC is hopeless anyway, and a misconfigured secret should be seen in the logs, not hidden.
   * A delivery with a good signature is never refused by it.
   */
  webhookSignatureFailures: { points: 300, durationSeconds: 60, blockSeconds: 300, what: 'webhook deliveries with a wrong signature from this address' },
  /** Discord interactions with a wrong or stale signature from one address (the same reasoning). */
  interactionSignatureFailures: { points: 300, durationSeconds: 60, blockSeconds: 300, what: 'Discord interactions with a wrong signature from this address' },
  /** Requests filed and comments made: people's work, and the transparency figures. */
  filings: { points: 20, durationSeconds: 3600, what: 'requests and comments filed by this token' },
  filingsPerAddress: { points: 60, durationSeconds: 3600, what: 'requests and comments filed from this address' },
  /** Training reports of one token. */
  reports: { points: 100_000, durationSeconds: 60, what: 'training reports sent with this token' },
  /** Any other write of one token (ballots, transitions, proposals, tokens). */
  writes: { points: 3_000, durationSeconds: 60, what: 'writes made with this token' },
  /** Anonymous reads the cache could not answer, from one address: each one is computed. */
  computedReads: { points: 6_000, durationSeconds: 60, what: 'uncached reads from this address' },
} as const satisfies Record<string, RateLimitRule>;

export type RateLimitName = keyof typeof RATE_LIMIT_RULES;

/** A refusal: which limit, and when to try again. */
export type RateLimited = { limit: RateLimitName; what: string; retryAfterSeconds: number };

export type RateLimits = {
  /** Takes one point; a refusal when the caller has none left. */
  consume(limit: RateLimitName, key: string): Promise<RateLimited | null>;
  /** Whether the caller is out of points, without taking one (a blocked address is refused before it tries). */
  isExhausted(limit: RateLimitName, key: string): Promise<RateLimited | null>;
};

/**
 * In-process limits (rate-limiter-flexible's memory store): each hub process counts on its own, so
 * behind several processes a caller gets the limit once per process. `multiplier` scales every
 * limit (RATE_LIMIT_MULTIPLIER), for operators whose callers are bigger than these defaults.
 */
export function createRateLimits(multiplier = 1, rules: Record<RateLimitName, RateLimitRule> = RATE_LIMIT_RULES): RateLimits {
  const limiters = new Map(
    Object.entries(rules).map(([name, rule]) => [
      name as RateLimitName,
      new RateLimiterMemory({
        keyPrefix: name,
        points: Math.max(1, Math.round(rule.points * multiplier)),
        duration: rule.durationSeconds,
        ...(rule.blockSeconds ? { blockDuration: rule.blockSeconds } : {}),
      }),
    ]),
  );
  const refusal = (limit: RateLimitName, result: RateLimiterRes): RateLimited => ({
    limit,
    what: rules[limit].what,
    retryAfterSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)),
  });
  return {
    async consume(limit, key) {
      try {
        await limiters.get(limit)!.consume(key);
        return null;
      } catch (error) {
        if (error instanceof RateLimiterRes) return refusal(limit, error);
        throw error;
      }
    },
    async isExhausted(limit, key) {
      const state = await limiters.get(limit)!.get(key);
      return state && state.remainingPoints <= 0 ? refusal(limit, state) : null;
    },
  };
}
