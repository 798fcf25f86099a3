import { SlashCommandBuilder } from '@discordjs/builders';
import { escapeMarkdown } from '@discordjs/formatters';
import { AppError } from '../../../api/services/errors.ts';
import { listConcerns, raiseConcern, resolveConcern } from '../../../api/services/decisions/concerns.ts';
import { loadProposal } from '../../../api/services/decisions/load-proposal.ts';
import { fit } from '../reply.ts';
import { requireMember } from '../identity.ts';
import { localized, type Command } from './command.ts';
import { openProposalChoices } from './proposal-choices.ts';

/** `/concern raise proposal title [text]` and `/concern resolve proposal concern`: rfcbot-style blocking concerns. */
export default {
  data: localized(new SlashCommandBuilder(), 'commands.concern')
    .setDMPermission(false)
    .addSubcommand((sub) =>
      localized(sub, 'commands.concern.raise')
        .addStringOption((option) => localized(option, 'commands.options.proposal').setRequired(true).setAutocomplete(true).setMaxLength(100))
        .addStringOption((option) => localized(option, 'commands.options.title').setRequired(true).setMaxLength(100))
        .addStringOption((option) => localized(option, 'commands.options.text').setMaxLength(1000)),
    )
    .addSubcommand((sub) =>
      localized(sub, 'commands.concern.resolve')
        .addStringOption((option) => localized(option, 'commands.options.proposal').setRequired(true).setAutocomplete(true).setMaxLength(100))
        .addStringOption((option) => localized(option, 'commands.options.concern').setRequired(true).setAutocomplete(true).setMaxLength(100)),
    ),
  // A concern is said in front of everyone: it blocks the vote for all.
  isEphemeral: () => false,
  async execute({ ctx, interaction, options, t }) {
    const { actor } = await requireMember(ctx, interaction);
    const proposalId = options.string('proposal') ?? '';
    const proposal = await loadProposal(ctx.services.database.db, proposalId);
    if (options.subcommand === 'raise') {
      const concern = await raiseConcern(ctx.services, { actor, input: { proposalId, title: options.string('title') ?? '', body: options.string('text') } });
      return { content: t('concern.raised', { title: escapeMarkdown(concern.title), proposal: escapeMarkdown(proposal.title) }), ephemeral: false };
    }
    const wanted = options.string('concern') ?? '';
    const open = (await listConcerns(ctx.services, proposalId)).filter((concern) => concern.resolvedAt === null);
    const concern = open.find((entry) => entry.id === wanted) ?? open.find((entry) => entry.title.toLowerCase() === wanted.toLowerCase());
    if (!concern) throw new AppError('not_found', t('concern.notFound', { title: wanted }));
    await resolveConcern(ctx.services, { actor, input: { proposalId, concernId: concern.id } });
    return { content: t('concern.resolved', { title: escapeMarkdown(concern.title) }), ephemeral: false };
  },
  async autocomplete({ ctx, options }) {
    if (options.focused?.name !== 'concern') return openProposalChoices(ctx.services, options.focused?.value ?? '');
    const proposalId = options.string('proposal');
    if (!proposalId) return [];
    const typed = options.focused.value.toLowerCase();
    const open = (await listConcerns(ctx.services, proposalId).catch(() => [])).filter((concern) => concern.resolvedAt === null);
    return open.filter((concern) => concern.title.toLowerCase().includes(typed)).slice(0, 25).map((concern) => ({ name: fit(concern.title, 100), value: concern.id }));
  },
} satisfies Command;
