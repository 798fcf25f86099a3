import type { Actor, ServiceContext } from '../../api/services/context.ts';
import { addExternalRequester, knownRequester, memberByLogin, type GitHubUser } from '../../api/services/github/requesters.ts';

export type { GitHubUser };

/** The actor a GitHub user acts as: the member with their login, or nobody the hub knows. */
export async function actorOf(services: ServiceContext, user: GitHubUser): Promise<Actor | null> {
  const memberId = await memberByLogin(services, user.login);
  if (memberId) return { kind: 'member', memberId, via: 'github' };
  const requesterId = await knownRequester(services, user);
  return requesterId ? { kind: 'requester', requesterId, via: 'github' } : null;
}

/**
 * The actor who files an issue: a member, or the author as an outside requester, created
 * on first filing. Their login stays in `external_requesters`; the ledger names them by id.
 */
export async function requesterActorOf(services: ServiceContext, user: GitHubUser): Promise<Actor> {
  const known = await actorOf(services, user);
  if (known) return known;
  await addExternalRequester(services, user);
  return (await actorOf(services, user))!;
}
