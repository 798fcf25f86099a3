import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { tables } from '../../../db/index.ts';
import type { MemberRole } from '../../domain/vocabulary.ts';
import type { ServiceContext } from '../context.ts';

export type DiscordMember = { id: string; displayName: string; organizationId: string; organizationName: string; roles: MemberRole[] };

/** The registry member whose `discord` id this is (archived members are nobody), or null. */
export async function memberByDiscordId(services: ServiceContext, userId: string): Promise<DiscordMember | null> {
  const db = services.database.db;
  const { members, memberRoles, organizations } = tables;
  const [row] = await db
    .select({ id: members.id, displayName: members.displayName, organizationId: members.organizationId, organizationName: organizations.name })
    .from(members)
    .innerJoin(organizations, eq(organizations.id, members.organizationId))
    .where(and(eq(members.discordUserId, userId), isNull(members.archivedAt)));
  if (!row) return null;
  const roles = await db.select({ role: memberRoles.role }).from(memberRoles).where(eq(memberRoles.memberId, row.id));
  return { ...row, roles: roles.map((entry) => entry.role) };
}

/** The Discord ids of the delegates of these organisations who have one (reminders mention them). */
export async function delegateDiscordIds(services: ServiceContext, organizationIds: readonly string[]): Promise<string[]> {
  if (organizationIds.length === 0) return [];
  const { members, memberRoles } = tables;
  const rows = await services.database.db
    .select({ discord: members.discordUserId })
    .from(members)
    .innerJoin(memberRoles, and(eq(memberRoles.memberId, members.id), eq(memberRoles.role, 'delegate')))
    .where(and(inArray(members.organizationId, [...organizationIds]), isNull(members.archivedAt), isNotNull(members.discordUserId)))
    .orderBy(members.discordUserId);
  return [...new Set(rows.map((row) => row.discord!))];
}

/** Display names of organisations, by id (ids that are not known stay as they are). */
export async function organizationNames(services: ServiceContext, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await services.database.db
    .select({ id: tables.organizations.id, name: tables.organizations.name })
    .from(tables.organizations)
    .where(inArray(tables.organizations.id, [...ids]));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The organisations whose ballots these are (a change of subject tells them to vote again). */
export async function organizationsOfBallots(services: ServiceContext, ballotIds: readonly string[]): Promise<string[]> {
  if (ballotIds.length === 0) return [];
  const rows = await services.database.db
    .selectDistinct({ organizationId: tables.ballots.organizationId })
    .from(tables.ballots)
    .where(inArray(tables.ballots.id, [...ballotIds]));
  return rows.map((row) => row.organizationId);
}
