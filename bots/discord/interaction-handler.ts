import { randomBytes } from 'node:crypto';
import type { APIInteraction, APIInteractionResponse, APIMessageComponentInteraction, APIModalSubmitInteraction } from 'discord-api-types/v10';
import { ApplicationCommandType, ComponentType, InteractionResponseType, InteractionType, MessageFlags, Routes } from 'discord-api-types/v10';
import { isAppError, type ErrorCode } from '../../api/services/errors.ts';
import { COMMANDS } from './commands/index.ts';
import { castFromDiscord } from './components/cast-from-discord.ts';
import { parseComponentId, proposalOfRef } from './components/custom-ids.ts';
import { reasonModal, submittedReason } from './components/reason-modal.ts';
import type { DiscordContext } from './discord-context.ts';
import { translator, type MessageKey, type Translate } from './i18n/translate.ts';
import { NotRegistered } from './identity.ts';
import { readOptions } from './options.ts';
import { CONTENT_LIMIT, fit, messageData, type Reply } from './reply.ts';

/** The answer to an interaction once it is known: a message, or a form to fill in. */
type Answer = Reply | { modal: APIInteractionResponse };

/**
 * The one handler both transports feed (`POST /discord/interactions` and the gateway adapter):
 * routes a command, an autocomplete, a button or a form to its code and answers within Discord's
 * 3 s. Work that is not done by `deferAfterMs` is deferred (type 5) and its answer sent later as an
 * edit of the original response, through the interaction's webhook. Every refusal is answered, in
 * the caller's language, to the caller alone.
 */
export function createInteractionHandler(ctx: DiscordContext) {
  return async function handleInteraction(interaction: APIInteraction): Promise<APIInteractionResponse> {
    const t = translator(('locale' in interaction ? interaction.locale : undefined) ?? interaction.guild_locale);
    switch (interaction.type) {
      case InteractionType.Ping:
        return { type: InteractionResponseType.Pong };
      case InteractionType.ApplicationCommandAutocomplete: {
        const command = COMMANDS.get(interaction.data.name);
        const options = readOptions(interaction.data);
        const choices = command?.autocomplete
          ? await command.autocomplete({ ctx, interaction, options, t }).catch((error: unknown) => {
              ctx.logger.warn('discord autocomplete failed', { command: interaction.data.name, error: error instanceof Error ? error.message : String(error) });
              return [];
            })
          : [];
        return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } };
      }
      case InteractionType.ApplicationCommand: {
        if (interaction.data.type !== ApplicationCommandType.ChatInput) return immediate(refusal(t('refusal.unknownCommand')));
        const command = COMMANDS.get(interaction.data.name);
        if (!command) return immediate(refusal(t('refusal.unknownCommand')));
        const chat = { ...interaction, data: interaction.data } as Parameters<typeof command.execute>[0]['interaction'];
        const options = readOptions(chat.data);
        return answerInTime(interaction, command.isEphemeral(options), t, () => command.execute({ ctx, interaction: chat, options, t }));
      }
      case InteractionType.MessageComponent:
        return answerComponent(interaction, t);
      case InteractionType.ModalSubmit:
        return answerModal(interaction, t);
      default:
        return immediate(refusal(t('refusal.unknownCommand')));
    }
  };

  async function answerComponent(interaction: APIMessageComponentInteraction, t: Translate): Promise<APIInteractionResponse> {
    const action = interaction.data.component_type === ComponentType.Button ? parseComponentId(interaction.data.custom_id) : null;
    if (!action) return immediate(refusal(t('refusal.unknownButton')));
    return answerInTime(interaction, true, t, async () => {
      const proposalId = await proposalOfRef(ctx.services, action.proposalRef);
      if (!proposalId) return refusal(t('refusal.unknownButton'));
      if (action.action === 'reason') return { modal: { type: InteractionResponseType.Modal, data: reasonModal(proposalId, action.choice, t) } };
      return castFromDiscord(ctx, interaction, t, { proposalId, choice: action.choice, reason: null });
    });
  }

  async function answerModal(interaction: APIModalSubmitInteraction, t: Translate): Promise<APIInteractionResponse> {
    const action = parseComponentId(interaction.data.custom_id);
    if (!action || action.action !== 'reason') return immediate(refusal(t('refusal.unknownButton')));
    return answerInTime(interaction, true, t, async () => {
      const proposalId = await proposalOfRef(ctx.services, action.proposalRef);
      if (!proposalId) return refusal(t('refusal.unknownButton'));
      return castFromDiscord(ctx, interaction, t, { proposalId, choice: action.choice, reason: submittedReason(interaction) });
    });
  }

  /**
   * Runs the work; answers with it when it is done in time, else defers now and edits the original
   * response when it is done (a public deferral whose answer turns out to be for the caller only is
   * deleted and the answer sent as an ephemeral follow-up instead).
   */
  async function answerInTime(interaction: APIInteraction, isEphemeral: boolean, t: Translate, work: () => Promise<Answer>): Promise<APIInteractionResponse> {
    const answer = work().catch((error: unknown) => explain(error, t));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ctx.deferAfterMs)));
    // 0 defers every answer (a work that is done at once would otherwise win the race).
    const first = ctx.deferAfterMs <= 0 ? 'late' : await Promise.race([answer, late]);
    clearTimeout(timer);
    if (first !== 'late') return 'modal' in first ? first.modal : immediate(first);
    void answer.then((finished) => followUp(interaction, isEphemeral, finished, t));
    return { type: InteractionResponseType.DeferredChannelMessageWithSource, data: isEphemeral ? { flags: MessageFlags.Ephemeral } : {} };
  }

  async function followUp(interaction: APIInteraction, deferredEphemeral: boolean, answer: Answer, t: Translate) {
    const appId = interaction.application_id;
    // A form cannot follow a deferral: Discord allows it only as the first answer.
    const reply: Reply = 'modal' in answer ? refusal(t('refusal.unknownButton')) : answer;
    try {
      if (reply.ephemeral && !deferredEphemeral) {
        await ctx.rest.delete(Routes.webhookMessage(appId, interaction.token, '@original'), { auth: false });
        await ctx.rest.post(Routes.webhook(appId, interaction.token), { body: messageData(reply), auth: false });
      } else {
        const { flags: _flags, ...data } = messageData(reply);
        await ctx.rest.patch(Routes.webhookMessage(appId, interaction.token, '@original'), { body: data, auth: false });
      }
    } catch (error) {
      ctx.logger.error('discord follow-up failed', { interaction: interaction.id, error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** A refusal or a failure, as an answer: AppErrors say why (their messages are written for people). */
  function explain(error: unknown, t: Translate): Reply {
    if (error instanceof NotRegistered) return refusal(t('refusal.notMember', { userId: error.userId, url: `${ctx.publicUrl}/handbook/` }));
    if (isAppError(error)) return refusal(t(`error.${SAID_AS[error.code] ?? error.code}` as MessageKey, { reason: error.message }));
    const ref = `discord_${randomBytes(6).toString('base64url')}`;
    ctx.logger.error('discord interaction failed', { ref, error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) });
    return refusal(t('error.internal', { ref }));
  }
}

/** Codes a bot's caller cannot cause as such, said as the nearest one the tables have. */
const SAID_AS: Partial<Record<ErrorCode, ErrorCode>> = { method_not_allowed: 'invalid', payload_too_large: 'invalid' };

function refusal(content: string): Reply {
  return { content: fit(content, CONTENT_LIMIT), ephemeral: true };
}

function immediate(reply: Reply): APIInteractionResponse {
  return { type: InteractionResponseType.ChannelMessageWithSource, data: messageData(reply) };
}
