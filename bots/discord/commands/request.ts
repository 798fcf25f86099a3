import { SlashCommandBuilder } from '@discordjs/builders';
import { time, TimestampStyles } from '@discordjs/formatters';
import { anonymous } from '../../../api/services/context.ts';
import { getRequest } from '../../../api/services/requests/read-requests.ts';
import type { MessageKey } from '../i18n/translate.ts';
import { localized, type Command } from './command.ts';

/** `/request status id`: what an anonymous reader may see of a request (never its confidential part). */
export default {
  data: localized(new SlashCommandBuilder(), 'commands.request').addSubcommand((sub) =>
    localized(sub, 'commands.request.status').addStringOption((option) => localized(option, 'commands.options.id').setRequired(true).setMaxLength(100)),
  ),
  isEphemeral: () => false,
  async execute({ ctx, options, t }) {
    const view = await getRequest(ctx.services, { actor: anonymous, id: options.string('id') ?? '' });
    const lines = [
      t('request.status', {
        id: view.id,
        type: t(`requestType.${view.type}` as MessageKey),
        state: t(`requestState.${view.state}` as MessageKey, { defaultValue: view.state.replaceAll('_', ' ') }),
        filed: time(new Date(view.filedAt), TimestampStyles.ShortDate),
      }),
    ];
    if (!view.closedAt) lines.push(t(view.overdue ? 'request.overdue' : 'request.due', { due: time(new Date(view.dueAt), TimestampStyles.ShortDate) }));
    lines.push(`${ctx.publicUrl}/requests/${view.type}/`);
    return { content: lines.join(' '), ephemeral: false };
  },
} satisfies Command;
