import type { KeyObject } from 'node:crypto';
import type { TokenRegistry, Identity } from './credentials.ts';
import { requireRepo, type Store } from './store/store.ts';
import type { HookDelivery, Repo, User } from './store/types.ts';

/** The GitHub App the fake plays, with its one installation (on every repository). */
export type AppInfo = { id: number; slug: string; name: string; clientId: string; owner: User; bot: User; installationId: number };

/** What a redelivery handler answers: the status code the receiver gave (default 200). */
export type RedeliveryHandler = (delivery: HookDelivery) => number | void | Promise<number | void>;

/** The state the routes share; mutable switches are flipped by the test through the fake. */
export type World = {
  store: Store;
  app: AppInfo;
  tokens: TokenRegistry;
  publicKey: KeyObject;
  /** The fake's base URL, for the `url` fields of answers; set once the server listens. */
  api: string;
  /** When set, check-run endpoints answer 403 `Resource not accessible by integration`. */
  isRefusingCheckRuns: boolean;
  onRedelivery: RedeliveryHandler | undefined;
  /** Work the fake does after answering (redeliveries), so a test can wait for it. */
  pending: Set<Promise<void>>;
};

/** The Hono environment of every route of the fake. */
export type FakeEnv = { Variables: { identity: Identity; body: unknown } };

/** The user a request acts as: the app's bot for an installation token, else the token's user. */
export function actorOf(world: World, identity: Identity): User {
  return identity.kind === 'user' ? identity.user : world.app.bot;
}

/** The repository a `/repos/:owner/:repo/...` request names, or GitHub's 404. */
export function repoOf(world: World, c: { req: { param(name: string): string | undefined } }): Repo {
  return requireRepo(world.store, c.req.param('owner') ?? '', c.req.param('repo') ?? '');
}
