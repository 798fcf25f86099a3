import { eq } from 'drizzle-orm';
import { tables, type Database, type Transaction } from '../../../db/index.ts';
import { MACHINES } from '../../domain/requests/machines.ts';
import { REQUEST_TYPES, type HandlerRole, type RequestRole, type RequestType } from '../../domain/requests/vocabulary.ts';
import { hasScope, mayActInPerson } from '../authorization.ts';
import { actingMemberId, ledgerActor, type Actor } from '../context.ts';

/** The handler roles of one request type: those its machine gives transitions to. */
export function handlerRolesOf(type: RequestType): HandlerRole[] {
  const roles = new Set<HandlerRole>();
  for (const transition of MACHINES[type].transitions) for (const role of transition.roles) if (role !== 'requester') roles.add(role);
  return [...roles];
}

/** The roles an actor holds towards one request: requester (who filed it) and their member roles. */
export async function rolesTowards(db: Transaction | Database, actor: Actor, request: { filedBy: string; type: RequestType }): Promise<RequestRole[]> {
  const roles: RequestRole[] = [];
  // A member's reporter or read-only token is not the member: it holds no role towards requests.
  if (!mayActInPerson(actor)) return roles;
  if (ledgerActor(actor) === request.filedBy) roles.push('requester');
  const memberId = actingMemberId(actor);
  if (memberId) {
    const rows = await db.select({ role: tables.memberRoles.role }).from(tables.memberRoles).where(eq(tables.memberRoles.memberId, memberId));
    for (const { role } of rows) if ((handlerRolesOf(request.type) as string[]).includes(role)) roles.push(role as HandlerRole);
  }
  return roles;
}

/**
 * What an actor may see of a request: everything for the requester, its handlers and tokens with
 * the `confidential` scope; type, state and dates for everyone else.
 */
export async function canSeeAll(db: Transaction | Database, actor: Actor, request: { filedBy: string; type: RequestType }): Promise<boolean> {
  return (await visibilityOf(db, actor))(request);
}

/** Whether the reader it was made for may see all of a request (canSeeAll). */
export type Visibility = (request: { filedBy: string; type: RequestType }) => boolean;

/**
 * canSeeAll for many requests: the actor's roles are read once (one statement for a member, none
 * otherwise) and the answer is a plain function, so a list does not ask again for every row.
 */
export async function visibilityOf(db: Transaction | Database, actor: Actor): Promise<Visibility> {
  if (actor.kind === 'token' && hasScope(actor, 'confidential')) return () => true;
  const self = actor.kind === 'anonymous' ? null : ledgerActor(actor);
  const memberId = actingMemberId(actor);
  const held = memberId
    ? new Set((await db.select({ role: tables.memberRoles.role }).from(tables.memberRoles).where(eq(tables.memberRoles.memberId, memberId))).map(({ role }) => role as string))
    : new Set<string>();
  const handles = new Map(REQUEST_TYPES.map((type) => [type, handlerRolesOf(type).some((role) => held.has(role))]));
  return (request) => request.filedBy === self || handles.get(request.type) === true;
}
