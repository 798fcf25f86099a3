import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from '../logger.ts';
import { USABLE_REQUEST_ID } from './request-context.ts';
import { withTimeUse } from './time-dependence.ts';

/** Reads that must always be computed afresh: health and the chain check are the point of asking. */
const NEVER_CACHED = /^\/api\/v1\/(health$|ledger\/verify$|tokens(\/|$))/;
/** Headers that belong to one response, not to the answer. */
const PER_RESPONSE = new Set(['x-request-id', 'date', 'x-cache', 'etag', 'content-length']);

type Entry = { version: string; holdsUntil: number; body: string; etag: string; headers: Record<string, string> };
type Fetch<Rest extends unknown[]> = (request: Request, ...rest: Rest) => Response | Promise<Response>;

export type ReadCacheOptions = {
  /** Changes whenever the database does; null turns caching off (memory and remote databases). */
  version: () => string | null;
  /** Now, in milliseconds: an answer that read the clock is kept only as long as it holds (time-dependence.ts). */
  now: () => number;
  /** The query parameters a path's GET declares; others change nothing, so they are left out of the key. */
  declaredQuery: (path: string) => Set<string> | null;
  logger: Logger;
  maxEntries?: number;
  maxBodyBytes?: number;
};

/**
 * ETags on every JSON read of `/api/v1`, and a cache of anonymous reads keyed by path, declared
 * query parameters and the database's data version: an answer is reused only while nothing at all
 * has been committed since it was computed, and only as long as it holds by the clock (an answer
 * that read the time is not kept; one that read the date is kept until midnight UTC), so it is
 * never stale. Query parameters the route does not declare are left out of the key: they change
 * nothing, and random ones would otherwise make every request a miss. Token-holders' reads are
 * never cached (they may see more).
 * It wraps the app's `fetch`, so a hit skips routing and middleware: it replays the headers the app
 * produced (security, CORS, caching) and still gets its own request id and access-log line.
 */
export function withReadCache<Rest extends unknown[]>(fetch: Fetch<Rest>, options: ReadCacheOptions): Fetch<Rest> {
  const entries = new Map<string, Entry>();
  const maxEntries = options.maxEntries ?? 2000;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;

  return async (request, ...rest) => {
    // @hono/node-server passes `{ incoming, outgoing }` as the environment.
    const env = rest[0];
    if (request.method !== 'GET') return fetch(request, ...rest);
    const url = request.url;
    const path = pathOf(url);
    if (!path.startsWith('/api/v1/')) return fetch(request, ...rest);
    const header = headerReader(request, env);
    const cacheable = !header('authorization') && !NEVER_CACHED.test(path);
    // Read the version before computing: a commit landing meanwhile makes the entry stale, not wrong.
    const version = cacheable ? options.version() : null;
    const key = version !== null ? cacheKey(url, path, options.declaredQuery) : '';
    if (version !== null) {
      const hit = entries.get(key);
      if (hit && hit.version === version && options.now() < hit.holdsUntil) {
        entries.delete(key);
        entries.set(key, hit); // most recently used last
        return replay(hit, path, header, options.logger);
      }
    }
    const computed = await withTimeUse(async () => fetch(request, ...rest));
    const response = computed.value;
    const contentType = response.headers.get('Content-Type') ?? '';
    if (response.status !== 200 || !contentType.startsWith('application/json')) return response;
    const body = await response.text();
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!PER_RESPONSE.has(name)) headers[name] = value;
    });
    const keep = version !== null && body.length <= maxBodyBytes && computed.holdsUntil > options.now();
    if (keep) {
      entries.set(key, { version, holdsUntil: computed.holdsUntil, body, etag, headers });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    }
    const requestId = response.headers.get('X-Request-Id');
    const cacheState: Record<string, string> = version === null ? {} : { 'x-cache': keep ? 'miss' : 'bypass' };
    return respond(body, etag, header, { ...headers, ...(requestId ? { 'x-request-id': requestId } : {}), ...cacheState });
  };
}

type HeaderReader = (lowerCaseName: string) => string | undefined;

function replay(entry: Entry, path: string, header: HeaderReader, logger: Logger): Response {
  const started = performance.now();
  const incoming = header('x-request-id');
  const requestId = incoming && USABLE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  const response = respond(entry.body, entry.etag, header, { ...entry.headers, 'x-request-id': requestId, 'x-cache': 'hit' });
  logger.info('request', {
    requestId,
    method: 'GET',
    path,
    status: response.status,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
  });
  return response;
}

function respond(body: string, etag: string, header: HeaderReader, headers: Record<string, string>): Response {
  const match = header('if-none-match');
  if (match && match.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag)) {
    const { 'content-type': _type, ...rest } = headers;
    return new Response(null, { status: 304, headers: { ...rest, etag } });
  }
  return new Response(body, { status: 200, headers: { ...headers, etag } });
}

/** The path and the declared query parameters, sorted: `?limit=5&x=1` and `?limit=5` are one answer. */
function cacheKey(url: string, path: string, declaredQuery: (path: string) => Set<string> | null): string {
  const queryStart = url.indexOf('?');
  // Most reads have no query: finding the route's declared parameters is work only a query needs.
  if (queryStart < 0) return path;
  const declared = declaredQuery(path);
  const kept = [...new URLSearchParams(url.slice(queryStart + 1))].filter(([name]) => declared?.has(name)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return kept.length ? `${path}?${new URLSearchParams(kept)}` : path;
}

function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  const end = url.indexOf('?', start);
  return end < 0 ? url.slice(start) : url.slice(start, end);
}

/**
 * Request headers, read from Node's own parsed headers when served by @hono/node-server: asking the
 * Fetch Request builds a whole Headers object, which costs more than the rest of a cache hit.
 */
function headerReader(request: Request, env: unknown): HeaderReader {
  const incoming = (env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming) return (name) => request.headers.get(name) ?? undefined;
  return (name) => {
    const value = incoming.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
}
