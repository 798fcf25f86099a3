import { SlashCommandBuilder } from '@discordjs/builders';
import { escapeMarkdown, time, TimestampStyles } from '@discordjs/formatters';
import { listProposals } from '../../../api/services/decisions/proposals.ts';
import { decisionFacts } from '../messages/decision-facts.ts';
import { decisionMessage } from '../messages/decision-message.ts';
import { CONTENT_LIMIT } from '../reply.ts';
import { localized, type Command } from './command.ts';
import { openProposalChoices } from './proposal-choices.ts';

const SHOWN = 10;

/** `/proposal list` (what is open now) and `/proposal show proposal` (the decision message, with its buttons). */
export default {
  data: localized(new SlashCommandBuilder(), 'commands.proposal')
    .addSubcommand((sub) => localized(sub, 'commands.proposal.list'))
    .addSubcommand((sub) =>
      localized(sub, 'commands.proposal.show').addStringOption((option) => localized(option, 'commands.options.proposal').setRequired(true).setAutocomplete(true).setMaxLength(100)),
    ),
  isEphemeral: () => false,
  async execute({ ctx, options, t }) {
    if (options.subcommand === 'show') {
      const facts = await decisionFacts(ctx.services, options.string('proposal') ?? '');
      const { embeds, components } = decisionMessage(facts, t, ctx.publicUrl);
      return { embeds: embeds!, components: components as never, ephemeral: false };
    }
    const { items, next } = await listProposals(ctx.services, { state: 'open', limit: SHOWN });
    if (items.length === 0) return { content: t('proposal.none'), ephemeral: false };
    const lines = [t('proposal.listHeading')];
    for (const proposal of items) {
      const line = `• ${t('proposal.line', { title: escapeMarkdown(proposal.title), id: proposal.id, relative: time(new Date(proposal.closesAt), TimestampStyles.RelativeTime) })}`;
      if (lines.join('\n').length + line.length > CONTENT_LIMIT - 200) break;
      lines.push(line);
    }
    if (next || lines.length - 1 < items.length) lines.push(t('proposal.more', { count: Math.max(1, items.length - (lines.length - 1)), url: `${ctx.publicUrl}/decisions/` }));
    return { content: lines.join('\n'), ephemeral: false };
  },
  async autocomplete({ ctx, options }) {
    return openProposalChoices(ctx.services, options.focused?.value ?? '');
  },
} satisfies Command;
