import autocannon from 'autocannon';

export type LoadResult = {
  requests: number;
  non2xx: number;
  errors: number;
  durationSeconds: number;
  requestsPerSecond: number;
  averagePerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
};

type LoadOptions = {
  url: string;
  connections?: number;
  durationSeconds?: number;
  amount?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A fresh body per request (autocannon calls it for each one). */
  body?: () => string;
  /** Extra headers per request, computed after `body` (e.g. rotating tokens). */
  headersFor?: () => Record<string, string>;
  /** Load-generating threads; GETs use two so the generator is not what limits the figure. */
  workers?: number;
};

/** Drives a server with autocannon from this process and returns throughput and latency figures. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections ?? 32,
    ...(options.amount ? { amount: options.amount } : { duration: options.durationSeconds ?? 10 }),
    method: options.method ?? 'GET',
    ...(options.workers ? { workers: options.workers } : {}),
    headers: options.headers ?? {},
    ...(options.body
      ? {
          requests: [
            {
              setupRequest: (request: autocannon.Request) => {
                const body = options.body!();
                return { ...request, body, headers: { ...request.headers, ...options.headersFor?.() } };
              },
            },
          ],
        }
      : {}),
  });
  const durationSeconds = result.duration;
  const completed = result['2xx'];
  return {
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    durationSeconds,
    requestsPerSecond: Math.round(completed / durationSeconds),
    // autocannon's own per-second average, for comparison with its CLI output
    averagePerSecond: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
  };
}
