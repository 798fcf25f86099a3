import type { APIInteraction } from 'discord-api-types/v10';
import type { Actor } from '../../api/services/context.ts';
import { memberByDiscordId, type DiscordMember } from '../../api/services/discord/discord-members.ts';
import type { DiscordContext } from './discord-context.ts';

/** The caller is not in the registry: answered with how to be added, never silently. */
export class NotRegistered extends Error {
  readonly userId: string;
  constructor(userId: string) {
    super(`Discord user ${userId} is not in the registry`);
    this.name = 'NotRegistered';
    this.userId = userId;
  }
}

/** The Discord user behind an interaction (in a server or in a direct message). */
export function userIdOf(interaction: APIInteraction): string | null {
  return interaction.member?.user.id ?? interaction.user?.id ?? null;
}

/** The registry member who made the interaction, or NotRegistered. The signature says it came from Discord. */
export async function requireMember(ctx: DiscordContext, interaction: APIInteraction): Promise<{ member: DiscordMember; actor: Actor }> {
  const userId = userIdOf(interaction) ?? 'unknown';
  const member = await memberByDiscordId(ctx.services, userId);
  if (!member) throw new NotRegistered(userId);
  return { member, actor: { kind: 'member', memberId: member.id, via: 'discord' } };
}
