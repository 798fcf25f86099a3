import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed, APIInteractionResponseCallbackData, APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import { MessageFlags } from 'discord-api-types/v10';

/** A bot's answer to one interaction, before it is shaped for Discord. */
export type Reply = {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  /** Only the caller sees it: anything about the caller, and every refusal. */
  ephemeral: boolean;
};

/** A form the caller fills in (the reason of a ballot). */
export type ModalReply = { modal: APIModalInteractionResponseCallbackData };

/**
 * The message data of a reply. Nothing in an answer pings anyone: titles and reasons are other
 * people's text, and a stored `@everyone` must stay text.
 */
export function messageData(reply: Reply): APIInteractionResponseCallbackData {
  return {
    ...(reply.content !== undefined ? { content: reply.content } : {}),
    ...(reply.embeds ? { embeds: reply.embeds } : {}),
    ...(reply.components ? { components: reply.components } : {}),
    ...(reply.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    allowed_mentions: { parse: [] },
  };
}

/** Discord's limit on message content. */
export const CONTENT_LIMIT = 2000;

/** Text cut to Discord's limit, with an ellipsis where it was cut. */
export function fit(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
