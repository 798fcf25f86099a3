import { eq, isNull, and, sql } from 'drizzle-orm';
import { tables, type Database, type Transaction } from '../../../db/index.ts';
import { prepared } from '../../../db/prepared.ts';
import type { MemberRole } from '../../domain/vocabulary.ts';
import { hasScope } from '../authorization.ts';
import { actingMemberId, type Actor } from '../context.ts';
import { AppError } from '../errors.ts';

export type ActingMember = { id: string; organizationId: string; roles: MemberRole[] };

/**
 * The registry member behind an actor: a member's own token (scope `write`) or a member a bot
 * recognised. Governance acts are acts of people for organisations, so anything else is refused.
 */
export async function requireMember(tx: Transaction, actor: Actor): Promise<ActingMember> {
  const memberId = actingMemberId(actor);
  if (!memberId) {
    if (actor.kind === 'anonymous') throw new AppError('unauthorized', 'This action needs a bearer token of a registry member.');
    throw new AppError('forbidden', 'Only registry members vote, raise concerns and delegate; this token does not belong to a member.');
  }
  if (actor.kind === 'token' && !hasScope(actor, 'write'))
    throw new AppError('forbidden', 'This action needs a token with the "write" scope.', { scope: 'write' });
  const rows = await selectMemberWithRoles(tx).all({ memberId });
  const [member] = rows;
  if (!member) throw new AppError('forbidden', `Member "${memberId}" is not in the registry (any more).`, { memberId });
  const roles = rows.flatMap((row) => (row.role === null ? [] : [row.role]));
  return { id: member.id, organizationId: member.organizationId, roles };
}

/** The member and their roles in one query: a row per role, one with a null role when they have none. */
const selectMemberWithRoles = prepared((db: Database) =>
  db
    .select({ id: tables.members.id, organizationId: tables.members.organizationId, role: tables.memberRoles.role })
    .from(tables.members)
    .leftJoin(tables.memberRoles, eq(tables.memberRoles.memberId, tables.members.id))
    .where(and(eq(tables.members.id, sql.placeholder('memberId')), isNull(tables.members.archivedAt))),
);

/** The member, or null for the console and admin tokens acting without a person. */
export async function memberOrOperator(tx: Transaction, actor: Actor): Promise<ActingMember | null> {
  if (!actingMemberId(actor) && hasScope(actor, 'admin')) return null;
  return requireMember(tx, actor);
}
