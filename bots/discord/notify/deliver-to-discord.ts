import { createHash } from 'node:crypto';
import { DiscordAPIError, type REST } from '@discordjs/rest';
import type { APIMessage, RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import { RESTJSONErrorCodes, Routes, ThreadAutoArchiveDuration } from 'discord-api-types/v10';
import type { ServiceContext } from '../../../api/services/context.ts';
import { outboxMessageState, type OutboxMessage } from '../../../api/services/outbox.ts';
import { UndeliverableError, type DeliverMessage } from '../../notify/outbox-deliverer.ts';
import { translator } from '../i18n/translate.ts';
import { decisionMessage } from '../messages/decision-message.ts';
import { DISCORD_CHANNEL, decisionKey, type DiscordMessage } from '../messages/discord-messages.ts';
import { announcementMessage, threadMessage } from '../messages/notes.ts';
import { fit } from '../reply.ts';

/**
 * Delivers the Discord channel of the outbox with the bot token. A message with a recorded id is
 * edited, not posted again; a first post carries a nonce Discord enforces, so a retry after a lost
 * answer finds the message it already made. A decision message opens its thread (one that exists
 * already counts as done). 429s and 5xx are retried by @discordjs/rest, then by the outbox's
 * backoff; a channel or message that is gone, or access refused, is a dead letter.
 */
export function deliverToDiscord(options: { services: ServiceContext; rest: REST; publicUrl: string; guildLocale: () => Promise<string> }): DeliverMessage {
  const { services, rest, publicUrl } = options;
  return async (message: OutboxMessage) => {
    try {
      return await deliver(message);
    } catch (error) {
      if (error instanceof DiscordAPIError && (error.status === 400 || error.status === 403 || error.status === 404))
        throw new UndeliverableError(`Discord answered ${error.status} (${error.code}): ${error.message}`);
      throw error;
    }
  };

  async function deliver(message: OutboxMessage): Promise<{ remoteId: string }> {
    const payload = message.payload as DiscordMessage;
    const t = translator(await options.guildLocale());
    switch (payload.op) {
      case 'decision': {
        const body = decisionMessage(payload.facts, t, publicUrl);
        const id = await upsert(payload.channelId, message, body);
        if (!message.remoteId) await openThread(payload.channelId, id, fit(t('decision.threadName', { title: payload.facts.title }), 100));
        return { remoteId: id };
      }
      case 'thread': {
        const decision = await outboxMessageState(services.database.db, DISCORD_CHANNEL, decisionKey(payload.proposalId));
        if (!decision || decision.isDead) throw new UndeliverableError(`the decision message of ${payload.proposalId} was never posted, so it has no thread`);
        // Messages of a channel go out in order: the decision message goes first and opens the thread.
        if (!decision.remoteId) throw new Error(`the decision message of ${payload.proposalId} is not posted yet`);
        return { remoteId: await upsert(decision.remoteId, message, threadMessage(payload.note, payload.proposalId, t, publicUrl)) };
      }
      case 'announce':
        return { remoteId: await upsert(payload.channelId, message, announcementMessage(payload.note, t, publicUrl)) };
    }
  }

  async function upsert(channelId: string, message: OutboxMessage, body: RESTPostAPIChannelMessageJSONBody): Promise<string> {
    if (message.remoteId) {
      try {
        await rest.patch(Routes.channelMessage(channelId, message.remoteId), { body });
        return message.remoteId;
      } catch (error) {
        // Deleted by someone: post it again.
        if (!(error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMessage)) throw error;
      }
    }
    const created = (await rest.post(Routes.channelMessages(channelId), { body: { ...body, nonce: nonceOf(message), enforce_nonce: true } })) as APIMessage;
    return created.id;
  }

  async function openThread(channelId: string, messageId: string, name: string): Promise<void> {
    try {
      await rest.post(Routes.threads(channelId, messageId), { body: { name, auto_archive_duration: ThreadAutoArchiveDuration.OneWeek } });
    } catch (error) {
      if (!(error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage)) throw error;
    }
  }
}

/** Discord keeps a nonce for a few minutes: a retry of the same message within them is answered with the first post. */
function nonceOf(message: OutboxMessage): string {
  return createHash('sha256').update(`${message.key}#${message.remoteId ?? ''}`).digest('base64url').slice(0, 25);
}
