import { createFaultInjector, type FaultInjector, type RequestMatch } from '../fault-injector.ts';

export type DiscordFault = {
  status: 429 | 500 | 502 | 503;
  /** For a 429: seconds in `Retry-After` and the body's `retry_after` (default 1). */
  retryAfterSeconds?: number;
  /** A 429 of the global limit (`X-RateLimit-Global`, scope `global`) rather than of the route's bucket. */
  global?: boolean;
  match?: RequestMatch;
};

export type DiscordFaults = FaultInjector<DiscordFault>;
export const createDiscordFaults = () => createFaultInjector<DiscordFault>();

/** Discord's answer for a fault: a 429 with the headers @discordjs/rest reads, or a bare 5xx. */
export function faultResponse(fault: DiscordFault, bucket: string): Response {
  if (fault.status !== 429) return new Response(fault.status === 502 ? 'Bad Gateway' : '{"message": "Internal Server Error", "code": 0}', { status: fault.status });
  const seconds = fault.retryAfterSeconds ?? 1;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'retry-after': String(seconds),
    'x-ratelimit-scope': fault.global ? 'global' : 'user',
    'x-ratelimit-limit': '5',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset-after': seconds.toFixed(3),
    'x-ratelimit-bucket': bucket,
  };
  if (fault.global) headers['x-ratelimit-global'] = 'true';
  return new Response(JSON.stringify({ message: 'You are being rate limited.', retry_after: seconds, global: Boolean(fault.global) }), { status: 429, headers });
}
