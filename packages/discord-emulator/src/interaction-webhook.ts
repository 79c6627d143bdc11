// Follow-ups and edits to an interaction's messages go through /webhooks/{application_id}/
// {interaction token}/...: the token works as a webhook for 15 minutes, and only once the
// interaction was acknowledged (before that, and after, Discord answers 10015 Unknown Webhook).
// Follow-ups always wait for the message (the `wait` flag does not apply).
import type { APIMessage } from 'discord-api-types/v10';
import { assertValid, emptyMessage, isPlainObject, unknownMessage, unknownWebhook } from './api-errors.ts';
import type { FakeDiscordContext } from './context.ts';
import { apiUser } from './guild-shapes.ts';
import type { AttachedFile } from './http-io.ts';
import { interactionMetadataOf, LOADING } from './interaction-callback.ts';
import type { InteractionResponseKind, RegisteredInteraction, TrackedMessage } from './interaction-registry.ts';
import { applyEdit, buildMessage } from './message-shapes.ts';
import { isEmptyMessage, validateMessageBody } from './message-validation.ts';
import type { RouteResponse } from './router.ts';

export const INTERACTION_TOKEN_LIFETIME_MS = 15 * 60 * 1000;

/** The interaction behind a /webhooks/{id}/{token} URL, if that is what it is. */
export function interactionWebhook(context: FakeDiscordContext, webhookId: string, token: string): RegisteredInteraction | undefined {
  if (webhookId !== context.applicationId) return undefined;
  return context.interactions.byToken(token);
}

function usable(context: FakeDiscordContext, interaction: RegisteredInteraction): void {
  if (interaction.acknowledgedWith === null) throw unknownWebhook();
  if (context.now() - interaction.createdAt > INTERACTION_TOKEN_LIFETIME_MS) throw unknownWebhook();
}

function record(context: FakeDiscordContext, interaction: RegisteredInteraction, kind: InteractionResponseKind, body: unknown, messageId: string): void {
  interaction.responses.push({ kind, body: structuredClone(body), messageId, at: context.now() });
}

export function followUp(context: FakeDiscordContext, interaction: RegisteredInteraction, body: unknown, files: AttachedFile[]): RouteResponse {
  usable(context, interaction);
  const sent = isPlainObject(body) ? body : {};
  assertValid(validateMessageBody(sent));
  if (isEmptyMessage(sent, files.length)) throw emptyMessage();
  const message = buildMessage({
    id: context.snowflakes.next(),
    channelId: interaction.channelId ?? '0',
    author: apiUser(context.botUser),
    webhookId: context.applicationId,
    applicationId: context.applicationId,
    body: sent,
    files,
    type: 0,
    extra: interactionMetadataOf(interaction),
    resolveUser: (id) => apiUser(context.guilds.user(id)),
    nextId: () => context.snowflakes.next(),
  });
  interaction.followups.set(message.id, { message, deleted: false });
  record(context, interaction, 'followup', body, message.id);
  return { status: 200, body: message };
}

function find(interaction: RegisteredInteraction, messageId: string): { tracked: TrackedMessage; original: boolean } {
  const original = interaction.original;
  if (original && (messageId === '@original' || messageId === original.message.id) && !original.deleted) return { tracked: original, original: true };
  const followup = interaction.followups.get(messageId);
  if (followup && !followup.deleted) return { tracked: followup, original: false };
  throw unknownMessage();
}

export function readMessage(context: FakeDiscordContext, interaction: RegisteredInteraction, messageId: string): RouteResponse {
  usable(context, interaction);
  return { status: 200, body: find(interaction, messageId).tracked.message };
}

export function editMessage(context: FakeDiscordContext, interaction: RegisteredInteraction, messageId: string, body: unknown): RouteResponse {
  usable(context, interaction);
  const { tracked, original } = find(interaction, messageId);
  const patch = isPlainObject(body) ? body : {};
  assertValid(validateMessageBody(patch));
  // Editing a deferred reply is what replaces "thinking…" with the answer.
  const edited: APIMessage = applyEdit(tracked.message, patch, (id) => apiUser(context.guilds.user(id)), LOADING);
  if (isEmptyMessage({ content: edited.content, embeds: edited.embeds, components: edited.components }, edited.attachments.length)) throw emptyMessage();
  tracked.message = edited;
  record(context, interaction, original ? 'edit-original' : 'edit-followup', body, edited.id);
  return { status: 200, body: edited };
}

export function deleteMessage(context: FakeDiscordContext, interaction: RegisteredInteraction, messageId: string): RouteResponse {
  usable(context, interaction);
  const { tracked, original } = find(interaction, messageId);
  tracked.deleted = true;
  record(context, interaction, original ? 'delete-original' : 'delete-followup', null, tracked.message.id);
  return { status: 204 };
}
