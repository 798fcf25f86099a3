import { hash } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { tables, type Database, type DatabaseHandle } from '../../db/index.ts';
import { prepared } from '../../db/prepared.ts';
import type { Actor, ServiceContext } from './context.ts';
import { AppError } from './errors.ts';

/** Secrets look like `agora_<43 base64url chars>` so leaked ones are easy to recognise and scan for. */
export const SECRET_PREFIX = 'agora_';
/** How often `last_used_at` is refreshed: bookkeeping, not worth a write per request. */
const LAST_USED_RESOLUTION_MS = 60 * 60 * 1000;

export type TokenActor = Extract<Actor, { kind: 'token' }>;

export function hashSecret(secret: string): string {
  return hash('sha256', secret, 'hex');
}

/**
 * Recently verified tokens, so a job reporting many times a second does not cost a query each time.
 * Revoking in this process drops the entry at once. A revocation made by another process (the CLI,
 * another API instance) holds for every write at once, since each write checks its token in its own
 * transaction (`requireActiveToken`); reads may go on for up to this many milliseconds.
 */
export const TOKEN_CACHE_MS = 5_000;
type CachedToken = { actor: TokenActor; expiresAt: string | null; cachedAt: number };
const tokenCaches = new WeakMap<DatabaseHandle, Map<string, CachedToken>>();

function tokenCache(ctx: ServiceContext): Map<string, CachedToken> {
  let cache = tokenCaches.get(ctx.database);
  if (!cache) tokenCaches.set(ctx.database, (cache = new Map()));
  return cache;
}

export function forgetToken(ctx: ServiceContext, tokenId: string): void {
  const cache = tokenCache(ctx);
  for (const [key, entry] of cache) if (entry.actor.tokenId === tokenId) cache.delete(key);
}

const denied = () => new AppError('unauthorized', 'The bearer token is not valid (unknown, revoked or expired).');

/**
 * The actor behind a bearer secret. Unknown, revoked and expired secrets are all `unauthorized`
 * with the same message, so the answer does not tell an attacker which tokens exist.
 */
export async function authenticateToken(ctx: ServiceContext, secret: string): Promise<TokenActor> {
  if (!secret.startsWith(SECRET_PREFIX) || secret.length > 200) throw denied();
  const secretHash = hashSecret(secret);
  const now = ctx.clock();
  const cache = tokenCache(ctx);
  const cached = cache.get(secretHash);
  if (cached && performance.now() - cached.cachedAt < TOKEN_CACHE_MS) {
    if (cached.expiresAt && cached.expiresAt <= now.toISOString()) throw denied();
    return cached.actor;
  }
  cache.delete(secretHash);
  const [row] = await ctx.database.db
    .select()
    .from(tables.apiTokens)
    .where(and(eq(tables.apiTokens.secretHash, secretHash), isNull(tables.apiTokens.revokedAt)));
  if (!row || (row.expiresAt && row.expiresAt <= now.toISOString())) throw denied();
  if (!row.lastUsedAt || now.getTime() - Date.parse(row.lastUsedAt) > LAST_USED_RESOLUTION_MS)
    await ctx.database.write((tx) => tx.update(tables.apiTokens).set({ lastUsedAt: now.toISOString() }).where(eq(tables.apiTokens.id, row.id)));
  const actor: TokenActor = { kind: 'token', tokenId: row.id, scopes: row.scopes, memberId: row.memberId };
  if (cache.size > 10_000) cache.clear();
  cache.set(secretHash, { actor, expiresAt: row.expiresAt, cachedAt: performance.now() });
  return actor;
}

const selectTokenState = prepared((db: Database) =>
  db
    .select({ revokedAt: tables.apiTokens.revokedAt, expiresAt: tables.apiTokens.expiresAt, runIds: tables.apiTokens.runIds })
    .from(tables.apiTokens)
    .where(eq(tables.apiTokens.id, sql.placeholder('id'))),
);

/**
 * Inside a write: the token is still valid as of this transaction, whatever any cache says, so a
 * token revoked anywhere (another process, the CLI) writes nothing more, and cannot mint a
 * successor. Returns the runs it was granted (reporter tokens).
 */
export async function requireActiveToken(tx: Database, actor: TokenActor, now: Date): Promise<{ runIds: string[] }> {
  const state = await selectTokenState(tx).get({ id: actor.tokenId });
  if (!state || state.revokedAt || (state.expiresAt && state.expiresAt <= now.toISOString())) throw denied();
  return { runIds: state.runIds };
}
