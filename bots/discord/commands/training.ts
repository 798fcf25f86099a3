import { SlashCommandBuilder } from '@discordjs/builders';
import { time, TimestampStyles } from '@discordjs/formatters';
import { getRun } from '../../../api/services/training-runs.ts';
import type { MessageKey } from '../i18n/translate.ts';
import { localized, type Command } from './command.ts';

/** `/training status id`: a run's state, progress, loss and expected end. */
export default {
  data: localized(new SlashCommandBuilder(), 'commands.training').addSubcommand((sub) =>
    localized(sub, 'commands.training.status').addStringOption((option) => localized(option, 'commands.options.id').setRequired(true).setMaxLength(200)),
  ),
  isEphemeral: () => false,
  async execute({ ctx, options, t }) {
    const run = await getRun(ctx.services, options.string('id') ?? '', { events: 0 });
    const lines = [t('training.status', { id: run.id, model: run.modelId, system: run.hpcSystem, state: t(`runState.${run.state}` as MessageKey) })];
    if (run.totalSteps) lines.push(t('training.progress', { step: run.step, total: run.totalSteps, share: run.progress ?? run.step / run.totalSteps }));
    if (run.loss !== null) lines.push(t('training.loss', { loss: run.loss }));
    if (run.eta && run.state === 'running') lines.push(t('training.eta', { eta: time(new Date(run.eta), TimestampStyles.RelativeTime) }));
    lines.push(`${ctx.publicUrl}/training/`);
    return { content: lines.join(' '), ephemeral: false };
  },
} satisfies Command;
