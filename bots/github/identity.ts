import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { tables, type Database } from '../../db/index.ts';
import type { Actor, ServiceContext } from '../../api/services/context.ts';

export type GitHubUser = { login: string; id?: number | undefined; type?: string | undefined };

/** The registry member whose `github` login this is (logins are case-insensitive), or null. */
export async function memberByLogin(db: Database, login: string): Promise<string | null> {
  const [row] = await db
    .select({ id: tables.members.id })
    .from(tables.members)
    .where(and(eq(tables.members.githubLogin, login.toLowerCase()), isNull(tables.members.archivedAt)));
  return row?.id ?? null;
}

/** The actor a GitHub user acts as: the member with their login, or nobody the hub knows. */
export async function actorOf(services: ServiceContext, user: GitHubUser): Promise<Actor | null> {
  const memberId = await memberByLogin(services.database.db, user.login);
  if (memberId) return { kind: 'member', memberId, via: 'github' };
  const requesterId = await knownRequester(services.database.db, user);
  return requesterId ? { kind: 'requester', requesterId, via: 'github' } : null;
}

async function knownRequester(db: Database, user: GitHubUser): Promise<string | null> {
  const { externalRequesters: requesters } = tables;
  const [row] = user.id !== undefined
    ? await db.select({ id: requesters.id }).from(requesters).where(eq(requesters.githubId, user.id))
    : await db.select({ id: requesters.id }).from(requesters).where(eq(requesters.githubLogin, user.login.toLowerCase()));
  return row?.id ?? null;
}

/**
 * The actor who files an issue: a member, or the author as an outside requester, created
 * on first filing. Their login stays in `external_requesters`; the ledger names them by id.
 */
export async function requesterActorOf(services: ServiceContext, user: GitHubUser): Promise<Actor> {
  const known = await actorOf(services, user);
  if (known) return known;
  const id = `ext_${randomBytes(8).toString('base64url')}`;
  await services.database.write(async (tx) => {
    await tx
      .insert(tables.externalRequesters)
      .values({ id, githubId: user.id ?? null, githubLogin: user.login.toLowerCase(), createdAt: services.clock().toISOString() })
      .onConflictDoNothing();
  });
  return (await actorOf(services, user))!;
}
