// The first response to an interaction (interactions/receiving-and-responding): through
// POST /interactions/{id}/{token}/callback or inline in the HTTP reply. Discord accepts exactly
// one, within 3 seconds; a second answers 40060, a late or unknown one 10062 Unknown
// interaction. Each callback type is only valid for some interaction types (6/7 for
// components and modals, 8 for autocomplete, 9 not for PING or modal submits).
import type { APIMessage } from 'discord-api-types/v10';
import { alreadyAcknowledged, assertValid, emptyMessage, issue, isPlainObject, unknownInteraction, type FormIssue } from './api-errors.ts';
import type { FakeDiscordContext } from './context.ts';
import { apiUser } from './guild-shapes.ts';
import type { RegisteredInteraction } from './interaction-registry.ts';
import { applyEdit, buildMessage } from './message-shapes.ts';
import { isEmptyMessage, validateMessageBody } from './message-validation.ts';
import type { Route } from './router.ts';

const CALLBACK_TYPES = [1, 4, 5, 6, 7, 8, 9, 10, 12];
const EPHEMERAL = 64;
export const LOADING = 128;

/** Which callback types each interaction type accepts. */
const ALLOWED: Record<number, number[]> = {
  1: [1],
  2: [4, 5, 9, 10, 12],
  3: [4, 5, 6, 7, 9, 10, 12],
  4: [8],
  5: [4, 5, 6, 7, 10],
};

export function interactionCallbackRoutes(context: FakeDiscordContext): Route[] {
  return [
    {
      method: 'POST',
      path: '/interactions/:interactionId/:token/callback',
      auth: 'none',
      handle(request) {
        const interaction = context.interactions.byId(request.param('interactionId'));
        if (!interaction || interaction.token !== request.param('token')) throw unknownInteraction();
        const result = acknowledge(context, interaction, request.body, 'callback-url');
        if (request.query.get('with_response') !== 'true') return { status: 204 };
        return { status: 200, body: result };
      },
    },
  ];
}

/** Validates and applies a first response; returns the with_response=true body. */
export function acknowledge(
  context: FakeDiscordContext,
  interaction: RegisteredInteraction,
  body: unknown,
  via: 'callback-url' | 'inline',
): Record<string, unknown> {
  if (interaction.acknowledgedWith !== null) throw alreadyAcknowledged();
  // An inline reply is timed by whoever delivered the interaction (deliverInteraction waits 3 s).
  const deadline = context.interactionResponseDeadlineMs;
  if (via === 'callback-url' && deadline !== false && context.now() - interaction.createdAt > deadline) throw unknownInteraction();
  const response = isPlainObject(body) ? body : {};
  assertValid(validateCallback(interaction, response));
  const type = Number(response.type);
  const data = isPlainObject(response.data) ? response.data : {};
  if (type === 4 && isEmptyMessage(data, 0)) throw emptyMessage();

  const original = originalMessageFor(context, interaction, type, data);
  interaction.acknowledgedWith = type;
  if (original) interaction.original = { message: original, deleted: false };
  interaction.responses.push({ kind: 'callback', body: structuredClone(body), via, ...(original ? { messageId: original.id } : {}), at: context.now() });

  return {
    interaction: {
      id: interaction.id,
      type: interaction.type,
      ...(original
        ? { response_message_id: original.id, response_message_loading: type === 5, response_message_ephemeral: ((original.flags ?? 0) & EPHEMERAL) !== 0 }
        : {}),
    },
    ...(original ? { resource: { type, message: original } } : {}),
  };
}

function validateCallback(interaction: RegisteredInteraction, response: Record<string, unknown>): FormIssue[] {
  const type = response.type;
  if (typeof type !== 'number' || !CALLBACK_TYPES.includes(type)) return [issue.choices(['type'], CALLBACK_TYPES)];
  if (!(ALLOWED[interaction.type] ?? []).includes(type)) {
    return [
      { path: ['type'], code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: `Callback type ${type} is not valid for interaction type ${interaction.type}` },
    ];
  }
  const data = response.data;
  if (data === undefined || data === null) return type === 8 || type === 9 ? [issue.required(['data'])] : [];
  if (!isPlainObject(data)) return [issue.type(['data'], 'object')];
  if (type === 4 || type === 7) return validateMessageBody(data, ['data']);
  if (type === 5 && data.flags !== undefined && (Number(data.flags) & ~EPHEMERAL) !== 0) {
    return [{ path: ['data', 'flags'], code: 'INTERACTION_RESPONSE_FLAGS_INVALID', message: 'Only the EPHEMERAL flag may be set on a deferred response' }];
  }
  if (type === 8) return validateChoices(data.choices);
  if (type === 9) return validateModal(data);
  return [];
}

function validateChoices(choices: unknown): FormIssue[] {
  if (!Array.isArray(choices)) return [issue.type(['data', 'choices'], 'array')];
  if (choices.length > 25) return [issue.maxLength(['data', 'choices'], 25)];
  const issues: FormIssue[] = [];
  for (const [index, choice] of choices.entries()) {
    const at = ['data', 'choices', index];
    if (!isPlainObject(choice)) {
      issues.push(issue.type(at, 'object'));
      continue;
    }
    if (typeof choice.name !== 'string' || choice.name.length < 1 || choice.name.length > 100) issues.push(issue.badLength([...at, 'name'], 1, 100));
    if (choice.value === undefined) issues.push(issue.required([...at, 'value']));
    if (typeof choice.value === 'string' && choice.value.length > 100) issues.push(issue.maxLength([...at, 'value'], 100));
  }
  return issues;
}

function validateModal(data: Record<string, unknown>): FormIssue[] {
  const issues: FormIssue[] = [];
  if (typeof data.custom_id !== 'string' || data.custom_id.length < 1 || data.custom_id.length > 100)
    issues.push(issue.badLength(['data', 'custom_id'], 1, 100));
  if (typeof data.title !== 'string' || data.title.length < 1 || data.title.length > 45) issues.push(issue.badLength(['data', 'title'], 1, 45));
  if (!Array.isArray(data.components) || data.components.length < 1 || data.components.length > 5) issues.push(issue.badLength(['data', 'components'], 1, 5));
  return issues;
}

/** The message a callback leaves in the channel: a new reply (4), a "thinking…" placeholder (5), or the updated component message (6/7). */
function originalMessageFor(context: FakeDiscordContext, interaction: RegisteredInteraction, type: number, data: Record<string, unknown>): APIMessage | null {
  const resolveUser = (id: string) => apiUser(context.guilds.user(id));
  if (type === 6 || type === 7) {
    if (!interaction.sourceMessage) return null;
    return type === 7 ? applyEdit(interaction.sourceMessage, data, resolveUser) : interaction.sourceMessage;
  }
  if (type !== 4 && type !== 5) return null;
  return buildMessage({
    id: context.snowflakes.next(),
    channelId: interaction.channelId ?? '0',
    author: apiUser(context.botUser),
    webhookId: context.applicationId,
    applicationId: context.applicationId,
    body: type === 5 ? { flags: Number(data.flags ?? 0) & EPHEMERAL } : data,
    files: [],
    type: interaction.type === 2 ? 20 : 0,
    extraFlags: type === 5 ? LOADING : 0,
    extra: interactionMetadataOf(interaction),
    resolveUser,
    nextId: () => context.snowflakes.next(),
  });
}

export function interactionMetadataOf(interaction: RegisteredInteraction): Partial<APIMessage> {
  if (!interaction.user) return {};
  return {
    interaction_metadata: {
      id: interaction.id,
      type: interaction.type,
      user: interaction.user,
      authorizing_integration_owners: interaction.guildId ? { 0: interaction.guildId } : { 1: interaction.user.id },
    },
  };
}
