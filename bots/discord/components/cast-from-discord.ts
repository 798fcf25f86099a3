import { ActionRowBuilder, ButtonBuilder } from '@discordjs/builders';
import { escapeMarkdown } from '@discordjs/formatters';
import type { APIInteraction } from 'discord-api-types/v10';
import { ButtonStyle } from 'discord-api-types/v10';
import type { BallotOption } from '../../../api/domain/decisions/policy.ts';
import { castBallot } from '../../../api/services/decisions/ballots.ts';
import { loadProposal } from '../../../api/services/decisions/load-proposal.ts';
import type { DiscordContext } from '../discord-context.ts';
import type { Translate } from '../i18n/translate.ts';
import { requireMember } from '../identity.ts';
import type { Reply } from '../reply.ts';
import { componentId } from './custom-ids.ts';

/**
 * Casts the caller's ballot from Discord (a button, the reason form, `/vote`) and answers, to the
 * caller only, what was recorded and that a later ballot replaces it. The same choice again by the
 * same delegate (a double click, a retried interaction) records nothing new: one ballot.
 */
export async function castFromDiscord(
  ctx: DiscordContext,
  interaction: APIInteraction,
  t: Translate,
  input: { proposalId: string; choice: BallotOption; reason: string | null },
): Promise<Reply> {
  const { member, actor } = await requireMember(ctx, interaction);
  const receipt = await castBallot(ctx.services, {
    actor,
    input: { proposalId: input.proposalId, option: input.choice, reason: input.reason, channel: 'discord', keepIfSame: true },
  });
  const proposal = await loadProposal(ctx.services.database.db, input.proposalId);
  const choice = t(`choice.${input.choice}`);
  const lines = [t('vote.recorded', { choice, organization: escapeMarkdown(member.organizationName), title: escapeMarkdown(proposal.title) })];
  if (receipt.unchanged) lines.push(t('vote.unchanged'));
  else if (receipt.replaces) lines.push(t('vote.replaces'));
  if (!receipt.binding) lines.push(t('vote.advisory'));
  lines.push(t('vote.later'));
  if (receipt.receipt) lines.push(t('vote.receipt', { receipt: receipt.receipt }));
  const components = input.reason
    ? []
    : [new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId(componentId('reason', input.proposalId, input.choice)).setStyle(ButtonStyle.Secondary).setLabel(t('vote.addReason'))).toJSON()];
  return { content: lines.join('\n'), components, ephemeral: true };
}
