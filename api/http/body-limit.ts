import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './app-env.ts';
import { respondWithProblem } from './problem.ts';

/**
 * Refuses a request body over `maxBytes` with 413 and the problem JSON, before reading it.
 *
 * Hono's `bodyLimit` asks the Fetch request for its body stream first, even for a GET and even when
 * Content-Length settles the question. Under @hono/node-server that builds a whole Fetch Request and
 * moves the later `c.req.json()` off the server's direct read of Node's stream (bench/README.md).
 * So the declared length is checked from the header alone,
 * and only a body without one (chunked) goes through Hono's counting reader.
 */
export function limitBody(maxBytes: number, message: string): MiddlewareHandler<AppEnv> {
  const tooLarge = (c: Context<AppEnv>) => respondWithProblem(c, 'payload_too_large', message);
  const countWhileReading = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number(declared) > maxBytes ? tooLarge(c) : next();
    }
    return countWhileReading(c, next);
  };
}
