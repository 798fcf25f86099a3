import { createServer, type Server } from 'node:http';
import { getRequestListener, RequestError } from '@hono/node-server';
import { answerClientErrors } from './client-errors.ts';
import { PROBLEM_MEDIA_TYPE, problem } from './problem.ts';

type Fetch = Parameters<typeof getRequestListener>[0];

function unreadable(error: unknown): Response {
  const refused = error instanceof RequestError;
  const body = refused
    ? problem('invalid', `The request could not be read: ${error.message}.`)
    : problem('internal', 'Something went wrong on our side before the request reached the hub.');
  return new Response(JSON.stringify(body), { status: refused ? 400 : 500, headers: { 'Content-Type': PROBLEM_MEDIA_TYPE } });
}

/**
 * Serves `fetch` over HTTP. The server is built from @hono/node-server's request listener rather
 * than its `serve()`, which offers no way to answer a request it cannot turn into a Fetch Request
 * (a backslash in the path, a bad Host header): those get the API's problem shape too, as do the
 * requests Node's own parser refuses (client-errors.ts).
 */
export function listen(fetch: Fetch, port: number, hostname: string): Promise<Server> {
  const listener = getRequestListener(fetch, { hostname, errorHandler: unreadable });
  const server = createServer(listener);
  answerClientErrors(server);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => resolve(server));
  });
}
