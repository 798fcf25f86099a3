import { ActionRowBuilder, ModalBuilder, TextInputBuilder } from '@discordjs/builders';
import type { APIModalInteractionResponseCallbackData, APIModalSubmitInteraction } from 'discord-api-types/v10';
import { ComponentType, TextInputStyle } from 'discord-api-types/v10';
import type { BallotOption } from '../../../api/domain/decisions/policy.ts';
import type { Translate } from '../i18n/translate.ts';
import { fit } from '../reply.ts';
import { componentId } from './custom-ids.ts';

export const REASON_FIELD = 'reason';

/** The form that asks why: submitting it casts the same choice again, with its reason (the latest ballot counts). */
export function reasonModal(proposalId: string, choice: BallotOption, t: Translate): APIModalInteractionResponseCallbackData {
  return new ModalBuilder()
    .setCustomId(componentId('reason', proposalId, choice))
    .setTitle(fit(t('vote.reasonTitle', { choice: t(`choice.${choice}`) }), 45))
    .addComponents(
      new ActionRowBuilder<TextInputBuilder>().addComponents(
        new TextInputBuilder()
          .setCustomId(REASON_FIELD)
          .setLabel(fit(t('vote.reasonLabel'), 45))
          .setPlaceholder(fit(t('vote.reasonPlaceholder'), 100))
          .setStyle(TextInputStyle.Paragraph)
          .setRequired(true)
          .setMaxLength(1000),
      ),
    )
    .toJSON();
}

/** The reason typed into the form, or null when it is missing or blank. */
export function submittedReason(interaction: APIModalSubmitInteraction): string | null {
  for (const row of interaction.data.components ?? [])
    for (const component of 'components' in row ? row.components : [row])
      if ('custom_id' in component && component.custom_id === REASON_FIELD && 'value' in component && component.type === ComponentType.TextInput) {
        const value = String(component.value).trim();
        return value === '' ? null : value;
      }
  return null;
}
