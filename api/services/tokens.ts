import { hash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { tables, type DatabaseHandle } from '../../db/index.ts';
import { TOKEN_SCOPES, type TokenScope } from '../domain/vocabulary.ts';
import { requireScope } from './authorization.ts';
import type { Actor, ServiceContext } from './context.ts';
import { ledgerActor } from './context.ts';
import { AppError } from './errors.ts';
import { writeWithLedger } from './ledger.ts';
import { pagedList, type Page } from './pagination.ts';

/** Secrets look like `agora_<43 base64url chars>` so leaked ones are easy to recognise and scan for. */
const SECRET_PREFIX = 'agora_';
/** How often `last_used_at` is refreshed: bookkeeping, not worth a write per request. */
const LAST_USED_RESOLUTION_MS = 60 * 60 * 1000;

export type TokenView = {
  id: string;
  name: string;
  scopes: TokenScope[];
  memberId: string | null;
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export type CreateTokenInput = {
  name: string;
  scopes: TokenScope[];
  memberId?: string | null | undefined;
  expiresAt?: string | null | undefined;
};

export function hashSecret(secret: string): string {
  return hash('sha256', secret, 'hex');
}

/** Issues a token. The secret is returned once and stored only as its sha256. Needs `admin`. */
export async function createToken(
  ctx: ServiceContext,
  { actor, input }: { actor: Actor; input: CreateTokenInput },
): Promise<{ token: TokenView; secret: string }> {
  requireScope(actor, 'admin');
  const scopes = [...new Set(input.scopes)].sort();
  if (scopes.length === 0 || scopes.some((scope) => !TOKEN_SCOPES.includes(scope)))
    throw new AppError('invalid', `A token needs at least one scope among ${TOKEN_SCOPES.join(', ')}.`, { scopes: input.scopes });
  const name = input.name.trim();
  if (!name) throw new AppError('invalid', 'A token needs a name saying what it is for.');
  const now = ctx.clock();
  if (input.expiresAt && !(Date.parse(input.expiresAt) > now.getTime()))
    throw new AppError('invalid', '"expiresAt" must be an instant in the future.', { expiresAt: input.expiresAt });

  const secret = SECRET_PREFIX + randomBytes(32).toString('base64url');
  const row = {
    id: `tok_${randomBytes(9).toString('base64url')}`,
    name,
    secretHash: hashSecret(secret),
    scopes,
    memberId: input.memberId ?? null,
    createdAt: now.toISOString(),
    createdBy: ledgerActor(actor),
    expiresAt: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
    lastUsedAt: null,
    revokedAt: null,
  };
  await writeWithLedger(ctx, actor, async (tx, record) => {
    if (row.memberId) {
      const [member] = await tx.select({ id: tables.members.id }).from(tables.members).where(eq(tables.members.id, row.memberId));
      if (!member) throw new AppError('invalid', `No member has the id "${row.memberId}".`, { memberId: row.memberId });
    }
    await tx.insert(tables.apiTokens).values(row);
    record({ type: 'token.created', subject: `token:${row.id}`, data: { scopes, memberId: row.memberId, expiresAt: row.expiresAt } });
  });
  const { secretHash: _hash, ...token } = row;
  return { token, secret };
}

/** Oldest first; tokens issued at the same instant by id. */
const tokenPages = pagedList({ name: 'tokens', direction: 'asc', columns: [tables.apiTokens.createdAt, tables.apiTokens.id] });

/** Every token, revoked and expired ones included, oldest first, a page at a time. Needs `admin`. */
export async function listTokens(ctx: ServiceContext, { actor, cursor, limit }: { actor: Actor; cursor?: string | undefined; limit: number }): Promise<Page<TokenView>> {
  requireScope(actor, 'admin');
  const paging = tokenPages.open(cursor);
  const rows = await ctx.database.db.select().from(tables.apiTokens).where(paging.after).orderBy(...tokenPages.orderBy).limit(limit + 1);
  const page = paging.page(rows, limit, (row) => [row.createdAt, row.id]);
  return { items: page.items.map(({ secretHash: _hash, ...token }) => token), next: page.next };
}

/** Revokes a token for good. Needs `admin`; revoking twice is a conflict. */
export async function revokeToken(ctx: ServiceContext, { actor, input }: { actor: Actor; input: { id: string } }): Promise<TokenView> {
  requireScope(actor, 'admin');
  return writeWithLedger(ctx, actor, async (tx, record) => {
    const [row] = await tx.select().from(tables.apiTokens).where(eq(tables.apiTokens.id, input.id));
    if (!row) throw new AppError('not_found', `No token has the id "${input.id}".`);
    if (row.revokedAt) throw new AppError('conflict', `Token "${input.id}" was already revoked at ${row.revokedAt}.`);
    const revokedAt = ctx.clock().toISOString();
    await tx.update(tables.apiTokens).set({ revokedAt }).where(eq(tables.apiTokens.id, input.id));
    forgetToken(ctx, row.id);
    record({ type: 'token.revoked', subject: `token:${row.id}`, data: {} });
    const { secretHash: _hash, ...token } = row;
    return { ...token, revokedAt };
  });
}

/** How many usable tokens exist: start-up issues a first admin token when there are none. */
export async function countActiveTokens(ctx: ServiceContext): Promise<number> {
  const now = ctx.clock().toISOString();
  const rows = await ctx.database.db
    .select({ expiresAt: tables.apiTokens.expiresAt })
    .from(tables.apiTokens)
    .where(isNull(tables.apiTokens.revokedAt));
  return rows.filter((row) => !row.expiresAt || row.expiresAt > now).length;
}

/**
 * Recently verified tokens, so a job reporting many times a second does not cost a query each time.
 * Revoking in this process drops the entry at once; a revocation made by another process (the CLI,
 * another API instance) is seen within this many milliseconds.
 */
export const TOKEN_CACHE_MS = 5_000;
type CachedToken = { actor: Extract<Actor, { kind: 'token' }>; expiresAt: string | null; cachedAt: number };
const tokenCaches = new WeakMap<DatabaseHandle, Map<string, CachedToken>>();

function tokenCache(ctx: ServiceContext): Map<string, CachedToken> {
  let cache = tokenCaches.get(ctx.database);
  if (!cache) tokenCaches.set(ctx.database, (cache = new Map()));
  return cache;
}

function forgetToken(ctx: ServiceContext, tokenId: string): void {
  const cache = tokenCache(ctx);
  for (const [hash, entry] of cache) if (entry.actor.tokenId === tokenId) cache.delete(hash);
}

const denied = () => new AppError('unauthorized', 'The bearer token is not valid (unknown, revoked or expired).');

/**
 * The actor behind a bearer secret. Unknown, revoked and expired secrets are all `unauthorized`
 * with the same message, so the answer does not tell an attacker which tokens exist.
 */
export async function authenticateToken(ctx: ServiceContext, secret: string): Promise<Actor> {
  if (!secret.startsWith(SECRET_PREFIX) || secret.length > 200) throw denied();
  const hash = hashSecret(secret);
  const now = ctx.clock();
  const cache = tokenCache(ctx);
  const cached = cache.get(hash);
  if (cached && performance.now() - cached.cachedAt < TOKEN_CACHE_MS) {
    if (cached.expiresAt && cached.expiresAt <= now.toISOString()) throw denied();
    return cached.actor;
  }
  cache.delete(hash);
  const [row] = await ctx.database.db
    .select()
    .from(tables.apiTokens)
    .where(and(eq(tables.apiTokens.secretHash, hash), isNull(tables.apiTokens.revokedAt)));
  if (!row || (row.expiresAt && row.expiresAt <= now.toISOString())) throw denied();
  if (!row.lastUsedAt || now.getTime() - Date.parse(row.lastUsedAt) > LAST_USED_RESOLUTION_MS)
    await ctx.database.writeLock(() =>
      ctx.database.db.update(tables.apiTokens).set({ lastUsedAt: now.toISOString() }).where(eq(tables.apiTokens.id, row.id)),
    );
  const actor = { kind: 'token' as const, tokenId: row.id, scopes: row.scopes, memberId: row.memberId };
  if (cache.size > 10_000) cache.clear();
  cache.set(hash, { actor, expiresAt: row.expiresAt, cachedAt: performance.now() });
  return actor;
}
