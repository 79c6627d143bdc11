// Turns a command's Reply into Discord's message payloads. Replies ping nobody unless the
// command says so: a nickname like "@everyone" must never turn into a mass ping.
import { InteractionResponseType, MessageFlags, type APIInteractionResponse, type APIInteractionResponseCallbackData } from 'discord-api-types/v10';
import type { Reply } from '../commands/reply.ts';

export function messageData(reply: Reply): APIInteractionResponseCallbackData {
  return {
    content: reply.content ?? '',
    embeds: reply.embeds ?? [],
    components: reply.components ?? [],
    allowed_mentions: reply.allowedMentions ?? { parse: [] },
    ...(reply.ephemeral && { flags: MessageFlags.Ephemeral }),
  };
}

export function messageResponse(reply: Reply): APIInteractionResponse {
  return { type: InteractionResponseType.ChannelMessageWithSource, data: messageData(reply) };
}

export function deferredResponse(ephemeral: boolean): APIInteractionResponse {
  return { type: InteractionResponseType.DeferredChannelMessageWithSource, data: ephemeral ? { flags: MessageFlags.Ephemeral } : {} };
}

/** For editing a deferred answer: the same message, without flags (fixed when deferring). */
export function editData(reply: Reply): Omit<APIInteractionResponseCallbackData, 'flags'> {
  const { flags: _flags, ...data } = messageData(reply);
  return data;
}
