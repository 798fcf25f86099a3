import { randomBytes } from 'node:crypto';
import { eq, inArray, isNull } from 'drizzle-orm';
import { tables } from '../../db/index.ts';
import { TOKEN_SCOPES, type TokenScope } from '../domain/vocabulary.ts';
import { requireScope } from './authorization.ts';
import type { Actor, ServiceContext } from './context.ts';
import { ledgerActor } from './context.ts';
import { AppError } from './errors.ts';
import { writeWithLedger } from './ledger.ts';
import { pagedList, type Page } from './pagination.ts';
import { forgetToken, hashSecret, SECRET_PREFIX } from './token-authentication.ts';

export { authenticateToken, hashSecret } from './token-authentication.ts';

export type TokenView = {
  id: string;
  name: string;
  scopes: TokenScope[];
  memberId: string | null;
  /** Reporter tokens: runs granted besides those the token registers itself. */
  runIds: string[];
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
  /** Runs a reporter token may report to (it may always report to the runs it registers). */
  runIds?: string[] | undefined;
  expiresAt?: string | null | undefined;
};

/**
 * Issues a token. The secret is returned once and stored only as its sha256. Needs `admin`, from a
 * token that is still valid when the new one is written (a revoked admin token mints nothing, in
 * any process: writeWithLedger checks the acting token in the transaction).
 */
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
  if (input.memberId !== undefined && input.memberId !== null && !input.memberId.trim())
    throw new AppError('invalid', '"memberId" must name a registry member, or be left out for a token that acts for no one.', { memberId: input.memberId });
  const runIds = [...new Set(input.runIds ?? [])].sort();
  if (runIds.length > 0 && !scopes.includes('reporter'))
    throw new AppError('invalid', '"runIds" binds a reporter token to runs: the token needs the "reporter" scope.', { runIds });
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
    runIds,
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
    if (runIds.length > 0) {
      const known = new Set((await tx.select({ id: tables.trainingRuns.id }).from(tables.trainingRuns).where(inArray(tables.trainingRuns.id, runIds))).map((run) => run.id));
      const unknown = runIds.filter((id) => !known.has(id));
      if (unknown.length) throw new AppError('invalid', `No training run has the id ${unknown.map((id) => `"${id}"`).join(', ')}.`, { runIds: unknown });
    }
    await tx.insert(tables.apiTokens).values(row);
    record({ type: 'token.created', subject: `token:${row.id}`, data: { scopes, memberId: row.memberId, runIds, expiresAt: row.expiresAt } });
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

/** Revokes a token for good, at once in this process and for every write anywhere. Needs `admin`; revoking twice is a conflict. */
export async function revokeToken(ctx: ServiceContext, { actor, input }: { actor: Actor; input: { id: string } }): Promise<TokenView> {
  requireScope(actor, 'admin');
  const revoked = await writeWithLedger(ctx, actor, async (tx, record) => {
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
  // Again after the commit: a request authenticated before it could have put the token back.
  forgetToken(ctx, revoked.id);
  return revoked;
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
