import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { tables } from '../../../db/index.ts';
import type { ServiceContext } from '../context.ts';

export type GitHubUser = { login: string; id?: number | undefined; type?: string | undefined };

/** The registry member whose `github` login this is (logins are case-insensitive), or null. */
export async function memberByLogin(services: ServiceContext, login: string): Promise<string | null> {
  const [row] = await services.database.db
    .select({ id: tables.members.id })
    .from(tables.members)
    .where(and(eq(tables.members.githubLogin, login.toLowerCase()), isNull(tables.members.archivedAt)));
  return row?.id ?? null;
}

/** The outside requester this GitHub user is (by account id when known, else by login), or null. */
export async function knownRequester(services: ServiceContext, user: GitHubUser): Promise<string | null> {
  const db = services.database.db;
  const { externalRequesters: requesters } = tables;
  const [row] = user.id !== undefined
    ? await db.select({ id: requesters.id }).from(requesters).where(eq(requesters.githubId, user.id))
    : await db.select({ id: requesters.id }).from(requesters).where(eq(requesters.githubLogin, user.login.toLowerCase()));
  return row?.id ?? null;
}

/**
 * Records the author of a filed issue as an outside requester, unless they already are one (a
 * concurrent filing wins; read the id back with `knownRequester`). Their login stays in
 * `external_requesters`; the ledger names them by id.
 */
export async function addExternalRequester(services: ServiceContext, user: GitHubUser): Promise<void> {
  const id = `ext_${randomBytes(8).toString('base64url')}`;
  await services.database.write(async (tx) => {
    await tx
      .insert(tables.externalRequesters)
      .values({ id, githubId: user.id ?? null, githubLogin: user.login.toLowerCase(), createdAt: services.clock().toISOString() })
      .onConflictDoNothing();
  });
}
