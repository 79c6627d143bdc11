// Executing a webhook and editing or deleting what it sent. The same URLs serve interaction
// tokens (id = application id), so each route first asks which of the two it is talking to.
// Execute answers 204 unless `?wait=true` (then 200 + the message); `thread_id` is accepted
// and ignored (the fake has no threads).
import { assertValid, emptyMessage, isPlainObject, unknownMessage, type FormIssue } from './api-errors.ts';
import type { FakeDiscordContext } from './context.ts';
import { apiUser, NO_USER_FLAGS } from './guild-shapes.ts';
import { deleteMessage, editMessage, followUp, interactionWebhook, readMessage } from './interaction-webhook.ts';
import { applyEdit, buildMessage } from './message-shapes.ts';
import { isEmptyMessage, validateMessageBody } from './message-validation.ts';
import type { RecordedMessage } from './messages.ts';
import type { Route, RouteRequest } from './router.ts';
import type { FakeWebhook } from './webhooks.ts';

export function webhookMessageRoutes(context: FakeDiscordContext): Route[] {
  const resolveUser = (id: string) => apiUser(context.guilds.user(id));

  const target = (request: RouteRequest) => {
    const interaction = interactionWebhook(context, request.param('webhookId'), request.param('token'));
    if (interaction) return { interaction } as const;
    return { webhook: context.webhooks.withToken(request.param('webhookId'), request.param('token')) } as const;
  };

  const sentMessage = (webhook: FakeWebhook, messageId: string): RecordedMessage => {
    const recorded = context.messages.get(messageId);
    if (!recorded || recorded.deleted || recorded.webhookId !== webhook.id) throw unknownMessage();
    return recorded;
  };

  const execute = (webhook: FakeWebhook, request: RouteRequest) => {
    const wait = parseBoolean(request.query.get('wait'), 'wait');
    const body = isPlainObject(request.body) ? request.body : {};
    assertValid(validateMessageBody(body));
    if (isEmptyMessage(body, request.files.length)) throw emptyMessage();
    const message = buildMessage({
      id: context.snowflakes.next(),
      channelId: webhook.channelId,
      author: {
        id: webhook.id,
        username: typeof body.username === 'string' ? body.username : webhook.name,
        discriminator: '0000',
        global_name: null,
        avatar: webhook.avatar,
        bot: true,
        public_flags: NO_USER_FLAGS,
        flags: NO_USER_FLAGS,
      },
      webhookId: webhook.id,
      applicationId: webhook.applicationId,
      body,
      files: request.files,
      type: 0,
      resolveUser,
      nextId: () => context.snowflakes.next(),
    });
    context.messages.add({
      id: message.id,
      channelId: webhook.channelId,
      guildId: webhook.guildId,
      webhookId: webhook.id,
      body: structuredClone(body),
      files: request.files,
      message,
      edits: [],
      deleted: false,
    });
    return wait ? { status: 200, body: message } : { status: 204 };
  };

  return [
    {
      method: 'POST',
      path: '/webhooks/:webhookId/:token',
      auth: 'none',
      handle(request) {
        const found = target(request);
        return found.interaction ? followUp(context, found.interaction, request.body, request.files) : execute(found.webhook, request);
      },
    },
    {
      method: 'GET',
      path: '/webhooks/:webhookId/:token/messages/:messageId',
      auth: 'none',
      handle(request) {
        const found = target(request);
        if (found.interaction) return readMessage(context, found.interaction, request.param('messageId'));
        return { status: 200, body: sentMessage(found.webhook, request.param('messageId')).message };
      },
    },
    {
      method: 'PATCH',
      path: '/webhooks/:webhookId/:token/messages/:messageId',
      auth: 'none',
      handle(request) {
        const found = target(request);
        if (found.interaction) return editMessage(context, found.interaction, request.param('messageId'), request.body);
        const recorded = sentMessage(found.webhook, request.param('messageId'));
        const patch = isPlainObject(request.body) ? request.body : {};
        assertValid(validateMessageBody(patch));
        const edited = applyEdit(recorded.message, patch, resolveUser);
        if (isEmptyMessage({ content: edited.content, embeds: edited.embeds, components: edited.components }, edited.attachments.length)) throw emptyMessage();
        recorded.message = edited;
        recorded.edits.push(structuredClone(patch));
        return { status: 200, body: edited };
      },
    },
    {
      method: 'DELETE',
      path: '/webhooks/:webhookId/:token/messages/:messageId',
      auth: 'none',
      handle(request) {
        const found = target(request);
        if (found.interaction) return deleteMessage(context, found.interaction, request.param('messageId'));
        sentMessage(found.webhook, request.param('messageId')).deleted = true;
        return { status: 204 };
      },
    },
  ];
}

function parseBoolean(value: string | null, field: string): boolean {
  if (value === null) return false;
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower === 'false' || lower === '0') return false;
  const problem: FormIssue = { path: [field], code: 'BOOLEAN_TYPE_CONVERT', message: `Value "${value}" is not a valid boolean.` };
  assertValid([problem]);
  return false;
}
