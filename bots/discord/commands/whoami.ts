import { SlashCommandBuilder } from '@discordjs/builders';
import { escapeMarkdown } from '@discordjs/formatters';
import { requireMember } from '../identity.ts';
import { localized, type Command } from './command.ts';

/** `/whoami`: the member the hub takes the caller for (or how to be added). */
export default {
  data: localized(new SlashCommandBuilder(), 'commands.whoami'),
  isEphemeral: () => true,
  async execute({ ctx, interaction, t }) {
    const { member } = await requireMember(ctx, interaction);
    const roles = member.roles.map((role) => t(`role.${role}`)).join(', ') || '—';
    const lines = [t('whoami.member', { name: escapeMarkdown(member.displayName), id: member.id, organization: escapeMarkdown(member.organizationName), roles })];
    lines.push(member.roles.includes('delegate') ? t('whoami.delegate') : t('whoami.notDelegate'));
    return { content: lines.join('\n'), ephemeral: true };
  },
} satisfies Command;
