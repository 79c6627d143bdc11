// Turning a sent body into the message object Discord stores and returns: embeds become type
// "rich", fields get `inline: false`, and `mentions` lists who was really pinged, which
// depends on allowed_mentions (default for webhooks and interactions: {"parse":["users"]},
// reference C3) and on the ids written in the content. A ping the product did not mean to
// send shows up here.
import type { APIAttachment, APIEmbed, APIMessage, APIUser } from 'discord-api-types/v10';
import { isPlainObject } from './api-errors.ts';
import type { AttachedFile } from './http-io.ts';

export interface BuildMessageInput {
  id: string;
  channelId: string;
  author: APIUser;
  webhookId: string;
  applicationId: string | null;
  body: Record<string, unknown>;
  files: readonly AttachedFile[];
  /** 0 default, 20 reply to a chat-input command. */
  type: number;
  /** Flags Discord adds itself, e.g. 128 LOADING for a deferred reply. */
  extraFlags?: number;
  extra?: Partial<APIMessage>;
  resolveUser(id: string): APIUser;
  /** Snowflakes for attachments. */
  nextId(): string;
}

export function buildMessage(input: BuildMessageInput): APIMessage {
  const { body } = input;
  return {
    id: input.id,
    type: input.type,
    channel_id: input.channelId,
    author: input.author,
    content: typeof body.content === 'string' ? body.content : '',
    embeds: richEmbeds(body.embeds),
    components: (Array.isArray(body.components) ? body.components : []) as APIMessage['components'] & object,
    attachments: input.files.map((file) => attachmentOf(file, input.channelId, input.nextId())),
    ...mentionsOf(body, input.resolveUser),
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: body.tts === true,
    pinned: false,
    flags: (typeof body.flags === 'number' ? body.flags : 0) | (input.extraFlags ?? 0),
    webhook_id: input.webhookId,
    ...(input.applicationId ? { application_id: input.applicationId } : {}),
    ...input.extra,
  };
}

/** An edit replaces the fields it carries; mentions are worked out again from the result. */
export function applyEdit(message: APIMessage, patch: Record<string, unknown>, resolveUser: (id: string) => APIUser, clearFlags = 0): APIMessage {
  const content = typeof patch.content === 'string' ? patch.content : patch.content === null ? '' : message.content;
  const next: APIMessage = {
    ...message,
    content,
    embeds: patch.embeds !== undefined ? richEmbeds(patch.embeds) : message.embeds,
    components:
      patch.components !== undefined
        ? ((Array.isArray(patch.components) ? patch.components : []) as APIMessage['components'] & object)
        : (message.components ?? []),
    edited_timestamp: new Date().toISOString(),
    flags: ((message.flags ?? 0) & ~clearFlags) | (typeof patch.flags === 'number' ? patch.flags & 4 : 0),
  };
  return { ...next, ...mentionsOf({ content, allowed_mentions: patch.allowed_mentions }, resolveUser) };
}

export function mentionsOf(
  body: Record<string, unknown>,
  resolveUser: (id: string) => APIUser,
): Pick<APIMessage, 'mentions' | 'mention_roles' | 'mention_everyone'> {
  const content = typeof body.content === 'string' ? body.content : '';
  const allowed = isPlainObject(body.allowed_mentions) ? body.allowed_mentions : { parse: ['users'] };
  const parse = Array.isArray(allowed.parse) ? allowed.parse : [];
  const listed = (kind: 'users' | 'roles') => (Array.isArray(allowed[kind]) ? allowed[kind].map(String) : []);
  const pick = (kind: 'users' | 'roles', written: string[]) => {
    const permitted = parse.includes(kind) ? written : written.filter((id) => listed(kind).includes(id));
    return [...new Set(permitted)];
  };
  const users = pick(
    'users',
    [...content.matchAll(/<@!?(\d{15,21})>/g)].map((match) => match[1] ?? ''),
  );
  const roles = pick(
    'roles',
    [...content.matchAll(/<@&(\d{15,21})>/g)].map((match) => match[1] ?? ''),
  );
  return {
    mentions: users.map(resolveUser),
    mention_roles: roles,
    mention_everyone: parse.includes('everyone') && /@(everyone|here)/.test(content),
  };
}

function richEmbeds(embeds: unknown): APIEmbed[] {
  if (!Array.isArray(embeds)) return [];
  return embeds.filter(isPlainObject).map((embed) => ({
    ...embed,
    type: 'rich',
    ...(Array.isArray(embed.fields) ? { fields: embed.fields.filter(isPlainObject).map((field) => ({ inline: false, ...field })) } : {}),
  })) as APIEmbed[];
}

function attachmentOf(file: AttachedFile, channelId: string, id: string): APIAttachment {
  const url = `https://cdn.discordapp.com/attachments/${channelId}/${id}/${encodeURIComponent(file.filename)}`;
  return { id, filename: file.filename, size: file.size, url, proxy_url: url, content_type: file.contentType };
}
