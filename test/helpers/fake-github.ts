import { getRequestListener } from '@hono/node-server';
import { createTokenRegistry, generateAppKeys } from './fake-github/credentials.ts';
import { createFakeApp, type RecordedCall } from './fake-github/fake-app.ts';
import { createFaultInjector, type Fault, type FaultInjector, type RequestMatch } from './fake-github/faults.ts';
import { createRateBudget } from './fake-github/rate-budget.ts';
import { startSocketServer, type DownMode } from './socket-server.ts';
import { createStateAccess } from './fake-github/state-access.ts';
import { createStore, ensureRepo, ensureUser } from './fake-github/store/store.ts';
import type { RedeliveryHandler, World } from './fake-github/world.ts';

export type { RecordedCall } from './fake-github/fake-app.ts';
export type { DownMode } from './socket-server.ts';
export type { Fault, RequestMatch } from './fake-github/faults.ts';
export type { RedeliveryHandler } from './fake-github/world.ts';
export type { CheckRunJson, CommentJson, IssueJson, LabelJson, SeedComment, SeedIssue, SeedPullRequest, StatusJson } from './fake-github/state-access.ts';
export type { HookDelivery } from './fake-github/store/types.ts';

export type FakeGitHubOptions = {
  /** Repositories that exist from the start (`owner/repo`); seeding creates others on the way. */
  repos?: string[];
  appId?: number;
  /** The app's slug; its bot user, who writes with installation tokens, is `<slug>[bot]`. */
  appSlug?: string;
  installationId?: number;
  /** The user behind `userToken`. */
  userLogin?: string;
  /** Where `created_at`/`updated_at` come from (e.g. test/helpers/clock.ts). JWT expiry and rate limits use the real clock. */
  now?: () => Date;
};

/** A GitHub REST API on 127.0.0.1 that Octokit and its retry, throttling and app-auth plugins accept unchanged. */
export type FakeGitHub = ReturnType<typeof createStateAccess> &
  Pick<FaultInjector, 'failNext' | 'failFor' | 'recover'> & {
    /** The base URL to give Octokit (`baseUrl`, `GITHUB_API_URL`). */
    url: string;
    appId: number;
    appSlug: string;
    appClientId: string;
    /** PKCS#1 PEM, as GitHub hands it out; pass it to `createAppAuth({ privateKey })`. */
    appPrivateKey: string;
    installationId: number;
    /** The login installation-token writes appear under (`<slug>[bot]`). */
    botLogin: string;
    /** A personal token of `userLogin`, for callers that authenticate as a user. */
    userToken: string;
    /** Another user's personal token. */
    createUserToken(login: string): string;
    /** Every installation token issued so far now answers 401, as an expired one would. */
    expireInstallationTokens(): void;
    /** Every request, in arrival order. */
    calls: RecordedCall[];
    /** The recorded calls with this method whose path is `path` or matches it. */
    callsTo(method: string, path: RegExp | string): RecordedCall[];
    /** Closes open connections, then refuses (or, with `reset`, resets) new ones until `up()`. */
    down(mode?: DownMode): Promise<void>;
    up(): Promise<void>;
    /** Every request waits this long before it is handled (0: none), to widen races between callers. */
    setLatency(ms: number): void;
    /** While on, check-run endpoints answer 403 `Resource not accessible by integration`. */
    refuseCheckRuns(isRefusing?: boolean): void;
    /** Called for each redelivery the app asks for; answer the receiver's status code (default 200). */
    onRedelivery(handler: RedeliveryHandler | undefined): void;
    /** Resolves once the work the fake does after answering (redeliveries) is done. */
    settled(): Promise<void>;
    close(): Promise<void>;
  };

/**
 * Starts a fake GitHub on a free port of 127.0.0.1: in-memory repositories (issues, comments,
 * labels, check runs, statuses, pull requests), an app with one installation on every repository,
 * recorded calls and injectable faults. Unknown or missing credentials answer 401.
 */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const keys = await generateAppKeys();
  const store = createStore(options.now ?? (() => new Date()));
  const slug = options.appSlug ?? 'agora-bot';
  const owner = ensureUser(store, 'agora', { type: 'Organization' });
  const world: World = {
    store,
    app: {
      id: options.appId ?? 424_242,
      slug,
      name: slug,
      clientId: `Iv23li${slug.replace(/[^a-z0-9]/gi, '')}`,
      owner,
      bot: ensureUser(store, `${slug}[bot]`, { type: 'Bot' }),
      installationId: options.installationId ?? 8_675_309,
    },
    tokens: createTokenRegistry(),
    publicKey: keys.publicKey,
    api: '',
    isRefusingCheckRuns: false,
    onRedelivery: undefined,
    pending: new Set(),
  };
  for (const repo of options.repos ?? []) ensureRepo(store, repo);
  const faults = createFaultInjector();
  const calls: RecordedCall[] = [];
  const app = createFakeApp(world, { faults, budget: createRateBudget(), calls });
  let latencyMs = 0;
  const server = await startSocketServer(
    getRequestListener(async (request) => {
      if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
      return app.fetch(request);
    }),
  );
  world.api = server.url;
  const user = ensureUser(store, options.userLogin ?? 'agora-maintainer');

  return {
    ...createStateAccess(world),
    url: server.url,
    appId: world.app.id,
    appSlug: slug,
    appClientId: world.app.clientId,
    appPrivateKey: keys.privateKey,
    installationId: world.app.installationId,
    botLogin: world.app.bot.login,
    userToken: world.tokens.issueUserToken(user),
    createUserToken: (login) => world.tokens.issueUserToken(ensureUser(store, login)),
    expireInstallationTokens: () => world.tokens.revokeInstallationTokens(),
    calls,
    callsTo: (method, path) =>
      calls.filter((call) => call.method === method.toUpperCase() && (typeof path === 'string' ? call.path === path : path.test(call.path))),
    failNext: faults.failNext,
    failFor: faults.failFor,
    recover: faults.recover,
    down: server.down,
    up: server.up,
    setLatency: (ms) => void (latencyMs = ms),
    refuseCheckRuns: (isRefusing = true) => void (world.isRefusingCheckRuns = isRefusing),
    onRedelivery: (handler) => void (world.onRedelivery = handler),
    settled: async () => {
      while (world.pending.size) await Promise.all(world.pending);
    },
    close: async () => {
      await Promise.all(world.pending);
      await server.close();
    },
  };
}
