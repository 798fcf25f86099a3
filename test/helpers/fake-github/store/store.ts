import { randomBytes } from 'node:crypto';
import { notFound } from '../github-error.ts';
import type { HookDelivery, Repo, User } from './types.ts';

/** Everything the fake knows, in memory. One per fake server. */
export type Store = {
  users: Map<string, User>;
  repos: Map<string, Repo>;
  deliveries: HookDelivery[];
  /** The next id of a kind; ids start far apart so an issue id is never mistaken for a comment id. */
  nextId(kind: IdKind): number;
  /** Now, as GitHub writes it: ISO 8601 to the second. */
  timestamp(): string;
};

type IdKind = 'user' | 'repo' | 'issue' | 'comment' | 'label' | 'check' | 'status' | 'delivery';
const ID_BASES: Record<IdKind, number> = {
  user: 5_000,
  repo: 700_000,
  issue: 1_000_000,
  comment: 2_000_000_000,
  label: 30_000_000,
  check: 40_000_000,
  status: 50_000_000,
  delivery: 60_000_000_000,
};

/** Formats an instant the way GitHub does (no milliseconds). */
export function toGitHubTime(instant: Date | number | string): string {
  return new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An empty store whose timestamps come from `now`. */
export function createStore(now: () => Date): Store {
  const last = new Map<IdKind, number>();
  return {
    users: new Map(),
    repos: new Map(),
    deliveries: [],
    nextId(kind) {
      const id = (last.get(kind) ?? ID_BASES[kind]) + 1;
      last.set(kind, id);
      return id;
    },
    timestamp: () => toGitHubTime(now()),
  };
}

/** The user with this login, created (as GitHub would already have it) on first mention. */
export function ensureUser(store: Store, login: string, fields: Partial<Omit<User, 'login' | 'id'>> = {}): User {
  const key = login.toLowerCase();
  let user = store.users.get(key);
  if (!user) {
    const type = fields.type ?? (login.endsWith('[bot]') ? 'Bot' : 'User');
    user = { login, id: store.nextId('user'), type, name: fields.name ?? null };
    store.users.set(key, user);
  } else Object.assign(user, fields);
  return user;
}

/** Creates `owner/name` if it does not exist yet; logins and names are case-insensitive on GitHub. */
export function ensureRepo(store: Store, fullName: string): Repo {
  const [owner, name, ...rest] = fullName.split('/');
  if (!owner || !name || rest.length) throw new Error(`fake GitHub: "${fullName}" is not "owner/repo"`);
  const key = fullName.toLowerCase();
  let repo = store.repos.get(key);
  if (!repo) {
    repo = {
      id: store.nextId('repo'),
      owner: ensureUser(store, owner, { type: 'Organization' }),
      name,
      full_name: `${owner}/${name}`,
      issues: new Map(),
      comments: new Map(),
      labels: [],
      check_runs: new Map(),
      statuses: [],
      files: new Map(),
      branches: new Map([['main', randomBytes(20).toString('hex')]]),
      last_number: 0,
    };
    store.repos.set(key, repo);
  }
  return repo;
}

/** The repository, or GitHub's 404. */
export function requireRepo(store: Store, owner: string, name: string): Repo {
  const repo = store.repos.get(`${owner}/${name}`.toLowerCase());
  if (!repo) throw notFound();
  return repo;
}
