import { GitHubError } from './github-error.ts';

export type RateWindow = { limit: number; remaining: number; used: number; reset: number };

/** The headers GitHub puts on every REST answer; `reset` is in epoch seconds. */
export function rateLimitHeaders(window: RateWindow): Record<string, string> {
  return {
    'x-ratelimit-limit': String(window.limit),
    'x-ratelimit-remaining': String(window.remaining),
    'x-ratelimit-reset': String(window.reset),
    'x-ratelimit-used': String(window.used),
    'x-ratelimit-resource': 'core',
  };
}

/** GitHub's primary limit answer: remaining 0 and the reset time, which plugin-throttling waits for. */
export function primaryRateLimit(window: RateWindow, status: 403 | 429 = 403): GitHubError {
  return new GitHubError(status, 'API rate limit exceeded for installation.', {
    documentationUrl: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits',
    headers: rateLimitHeaders({ ...window, remaining: 0, used: window.limit }),
  });
}

/** Tokens get 5 000 requests an hour, anonymous callers 60, as on github.com. */
const LIMITS = { authenticated: 5_000, anonymous: 60 } as const;
const WINDOW_MS = 3_600_000;

export type RateBudget = {
  /** Takes one request from `key`'s hourly budget; past the limit, GitHub's primary 403. */
  spend(key: string, kind: keyof typeof LIMITS): RateWindow;
};

/** Per-credential request budgets on the real clock (plugin-throttling reads `Date.now()`). */
export function createRateBudget(): RateBudget {
  const windows = new Map<string, { start: number; used: number }>();
  return {
    spend(key, kind) {
      const now = Date.now();
      let window = windows.get(key);
      if (!window || now >= window.start + WINDOW_MS) windows.set(key, (window = { start: now, used: 0 }));
      const limit = LIMITS[kind];
      const reset = Math.ceil((window.start + WINDOW_MS) / 1000);
      if (window.used >= limit) throw primaryRateLimit({ limit, remaining: 0, used: limit, reset });
      window.used++;
      return { limit, remaining: limit - window.used, used: window.used, reset };
    },
  };
}
