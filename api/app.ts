import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { apiDocs } from './http/api-docs.ts';
import type { AppEnv } from './http/app-env.ts';
import { apiPreflight, withApiHeaders } from './http/api-headers.ts';
import { bearerAuth } from './http/bearer-auth.ts';
import { limitRates } from './http/rate-limit.ts';
import { createRateLimits, type RateLimits } from './http/rate-limits.ts';
import { limitBody } from './http/body-limit.ts';
import { respondWithProblem } from './http/problem.ts';
import { withReadCache } from './http/read-cache.ts';
import { requestContext } from './http/request-context.ts';
import { securityHeaders } from './http/security-headers.ts';
import { allowedMethods, buildRouteTable, declaredQuery, type RouteTable } from './http/route-methods.ts';
import { noticingTimeUse } from './http/time-dependence.ts';
import { serveSite, siteNotFoundPage, type SiteHost } from './http/site.ts';
import { loadConfig } from './env.ts';
import { silentLogger, type Logger } from './logger.ts';
import { healthRoutes } from './routes/health.ts';
import { languageRoutes } from './routes/languages.ts';
import { ledgerRoutes } from './routes/ledger.ts';
import { organizationRoutes } from './routes/organizations.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { modelRoutes } from './routes/models.ts';
import { trainingRunRoutes } from './routes/training-runs.ts';
import { proposalRoutes } from './routes/proposals.ts';
import { delegationRoutes } from './routes/delegations.ts';
import { requestRoutes } from './routes/requests.ts';
import { collectionRoutes } from './routes/collections.ts';
import { coverageRoutes } from './routes/coverage.ts';
import { datasetRoutes } from './routes/datasets.ts';
import { modelCardRoutes } from './routes/model-cards.ts';
import type { ServiceContext } from './services/context.ts';
import { githubWebhookRoute, type GitHubWebhookOptions } from '../bots/github/webhook-route.ts';
import { discordInteractionsRoute, type DiscordInteractionsOptions } from '../bots/discord/interactions-route.ts';
import { isAppError } from './services/errors.ts';

export type AppOptions = {
  services: ServiceContext;
  logger?: Logger;
  /** The built documentation site; without it only the API is served. */
  site?: SiteHost;
  /** Aborted when the hub shuts down: event streams end instead of holding the shutdown up. */
  closing?: AbortSignal;
  /** Largest request body accepted, in bytes. */
  bodyLimitBytes?: number;
  /** Per-token and per-address limits (api/http/rate-limits.ts); one set per process by default. */
  rateLimits?: RateLimits;
  version?: string;
  /**
   * The hub's PUBLIC_URL, the base of absolute links in answers (card exports). Not taken from the
   * request: behind a proxy that is the hub's inner address, and a Host header is the caller's to
   * choose. Defaults to what an empty environment gives (http://localhost:8787).
   */
  publicUrl?: string;
  /** `POST /webhooks/github`: its secrets and what to do after a delivery is stored; without it the endpoint answers 503. */
  githubWebhook?: Omit<GitHubWebhookOptions, 'rateLimits'>;
  /** `POST /discord/interactions`: the application's public key and the bot's handler; without them the endpoint answers 503. */
  discordInteractions?: Omit<DiscordInteractionsOptions, 'rateLimits' | 'clock'>;
};

export const OPENAPI_PATH = '/api/openapi.json';

/** The whole HTTP surface: API, its reference, and the site. Pure composition, no business rules. */
export function createApp(options: AppOptions) {
  const logger = options.logger ?? silentLogger;
  const closing = options.closing ?? new AbortController().signal;
  const app = new OpenAPIHono<AppEnv>();

  const openApiConfig = {
    openapi: '3.1.0',
    info: {
      title: 'Agora API',
      version: options.version ?? '0.1.0',
      description:
        'The record of truth of the consortium: registry, decisions, requests and the hash-chained ledger. ' +
        'Public reads need no token; writes and confidential reads need a bearer token. Lists answer ' +
        '`{ items, next }`; errors answer `{ error: { code, message, details? } }` as `application/problem+json`.',
    },
    servers: [{ url: '/' }],
  };
  // Handlers get services that note their use of the clock, for the read cache (time-dependence.ts).
  const publicUrl = options.publicUrl ?? loadConfig({}).PUBLIC_URL;
  app.use(requestContext({ services: noticingTimeUse(options.services), logger, closing, publicUrl }));
  app.use(securityHeaders());
  app.use('/api/v1/*', apiPreflight());
  const bodyLimitBytes = options.bodyLimitBytes ?? 1024 * 1024;
  app.use('*', limitBody(bodyLimitBytes, `Request bodies are limited to ${bodyLimitBytes} bytes.`));
  let routeTable: RouteTable | undefined;
  const routes = () => (routeTable ??= buildRouteTable(app.getOpenAPI31Document(openApiConfig).paths ?? {}));
  const limits = options.rateLimits ?? createRateLimits();
  app.use('/api/v1/*', bearerAuth((method, path) => allowedMethods(routes(), path)?.includes(method) ?? false, limits));
  app.use('/api/v1/*', limitRates(limits));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'A token issued with `npm run agora -- token create`, sent as `Authorization: Bearer agora_…`.',
  });
  app.route('/api/v1', healthRoutes);
  app.route('/api/v1', organizationRoutes);
  app.route('/api/v1', languageRoutes);
  app.route('/api/v1', ledgerRoutes);
  app.route('/api/v1', tokenRoutes);
  app.route('/api/v1', modelRoutes);
  app.route('/api/v1', trainingRunRoutes);
  app.route('/api/v1', proposalRoutes);
  app.route('/api/v1', delegationRoutes);
  app.route('/api/v1', requestRoutes);
  app.route('/api/v1', collectionRoutes);
  app.route('/api/v1', coverageRoutes);
  app.route('/api/v1', datasetRoutes);
  app.route('/api/v1', modelCardRoutes);

  app.route('/', githubWebhookRoute({ secrets: null, ...options.githubWebhook, rateLimits: limits }));
  app.route('/', discordInteractionsRoute({ publicKey: null, handle: null, ...options.discordInteractions, rateLimits: limits, clock: options.services.clock }));

  app.doc31(OPENAPI_PATH, openApiConfig);
  app.route('/api/docs', apiDocs);

  if (options.site) app.use('*', serveSite(options.site));

  app.notFound(async (c) => {
    const allowed = allowedMethods(routes(), c.req.path);
    if (allowed && !allowed.includes(c.req.method)) {
      c.header('Allow', allowed.join(', '));
      return respondWithProblem(c, 'method_not_allowed', `${c.req.method} is not allowed on ${c.req.path}; allowed: ${allowed.join(', ')}.`);
    }
    const wantsHtml = !c.req.path.startsWith('/api/') && (c.req.header('Accept') ?? '').includes('text/html');
    const page = wantsHtml && options.site ? await siteNotFoundPage(options.site) : null;
    if (page) return c.html(page, 404);
    return respondWithProblem(c, 'not_found', `Nothing here: ${c.req.method} ${c.req.path}.`);
  });

  app.onError((error, c) => {
    if (isAppError(error)) return respondWithProblem(c, error.code, error.message, error.details);
    if (error instanceof HTTPException && error.status < 500) {
      // Hono's own refusals (malformed JSON body, ...) in the same problem shape.
      const code = error.status === 401 ? 'unauthorized' : error.status === 413 ? 'payload_too_large' : 'invalid';
      return respondWithProblem(c, code, error.message || 'The request is malformed.', undefined, error.status);
    }
    logger.error('unhandled error', {
      requestId: c.var.requestId,
      method: c.req.method,
      path: c.req.path,
      error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
    });
    return respondWithProblem(c, 'internal', `Something went wrong on our side; it was logged with request id ${c.var.requestId}.`);
  });

  // Cached anonymous reads are answered before routing (see read-cache.ts), with the common API
  // headers the answer was given when it was computed (api-headers.ts); `app.request()` goes
  // through `app.fetch` too, so tests exercise the same path.
  app.fetch = withReadCache(withApiHeaders(app.fetch), {
    version: () => options.services.database.dataVersion(),
    now: () => options.services.clock().getTime(),
    declaredQuery: (path) => declaredQuery(routes(), path),
    logger,
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
