import { SlashCommandBuilder } from '@discordjs/builders';
import { escapeMarkdown } from '@discordjs/formatters';
import { getModel } from '../../../api/services/models.ts';
import type { MessageKey } from '../i18n/translate.ts';
import { localized, type Command } from './command.ts';

/** `/model status id`: a model's status, its latest checkpoint and the run training it. */
export default {
  data: localized(new SlashCommandBuilder(), 'commands.model').addSubcommand((sub) =>
    localized(sub, 'commands.model.status').addStringOption((option) => localized(option, 'commands.options.id').setRequired(true).setMaxLength(200)),
  ),
  isEphemeral: () => false,
  async execute({ ctx, options, t }) {
    const model = await getModel(ctx.services, options.string('id') ?? '');
    const lines = [t('model.status', { name: escapeMarkdown(model.name), id: model.id, status: t(`modelStatus.${model.status}` as MessageKey) })];
    const latest = model.checkpoints.reduce<(typeof model.checkpoints)[number] | null>((best, checkpoint) => (!best || checkpoint.step > best.step ? checkpoint : best), null);
    lines.push(latest ? t('model.checkpoint', { step: latest.step }) : t('model.noCheckpoint'));
    const run = model.runs.find((entry) => entry.state === 'running') ?? model.runs.at(-1);
    if (run) lines.push(t('model.run', { run: run.id, state: t(`runState.${run.state}` as MessageKey) }));
    lines.push(`${ctx.publicUrl}/models/${encodeURIComponent(model.id)}/`);
    return { content: lines.join(' '), ephemeral: false };
  },
} satisfies Command;
