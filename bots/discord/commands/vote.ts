import { SlashCommandBuilder } from '@discordjs/builders';
import { BALLOT_OPTIONS, type BallotOption } from '../../../api/domain/decisions/policy.ts';
import { castFromDiscord } from '../components/cast-from-discord.ts';
import { localizations, translator } from '../i18n/translate.ts';
import { localized, type Command } from './command.ts';
import { openProposalChoices } from './proposal-choices.ts';

const english = translator('en');

/** `/vote proposal choice [reason]`: the same ballot as a button, a GitHub comment or the API. */
export default {
  data: localized(new SlashCommandBuilder(), 'commands.vote')
    .setDMPermission(false)
    .addStringOption((option) => localized(option, 'commands.options.proposal').setRequired(true).setAutocomplete(true).setMaxLength(100))
    .addStringOption((option) =>
      localized(option, 'commands.options.choice')
        .setRequired(true)
        .addChoices(...BALLOT_OPTIONS.map((choice) => ({ name: english(`choice.${choice}`), value: choice, name_localizations: localizations(`choice.${choice}`) }))),
    )
    .addStringOption((option) => localized(option, 'commands.options.reason').setMaxLength(1000)),
  isEphemeral: () => true,
  async execute({ ctx, interaction, options, t }) {
    return castFromDiscord(ctx, interaction, t, {
      proposalId: options.string('proposal') ?? '',
      choice: (options.string('choice') ?? '') as BallotOption,
      reason: options.string('reason')?.trim() || null,
    });
  },
  async autocomplete({ ctx, options }) {
    return openProposalChoices(ctx.services, options.focused?.value ?? '');
  },
} satisfies Command;
