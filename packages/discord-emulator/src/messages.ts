// Messages that reached channels through webhooks, kept per channel in the order Discord
// accepted them. Tests read these to see what a server actually got: the body as the product
// sent it and the message as Discord shows it (after edits, with real mentions).
import type { APIMessage, RESTPostAPIWebhookWithTokenJSONBody } from 'discord-api-types/v10';
import type { AttachedFile } from './http-io.ts';

export interface RecordedMessage {
  id: string;
  channelId: string;
  guildId: string;
  webhookId: string;
  /** The body exactly as sent (JSON, or payload_json of a multipart request). */
  body: RESTPostAPIWebhookWithTokenJSONBody;
  files: AttachedFile[];
  /** The message as Discord shows it now: after edits, embeds as "rich", real `mentions`. */
  message: APIMessage;
  /** Each later PATCH body, in order. */
  edits: Record<string, unknown>[];
  deleted: boolean;
}

export interface MessageStore {
  add(message: RecordedMessage): void;
  get(id: string): RecordedMessage | undefined;
  inChannel(channelId: string, options?: { includeDeleted?: boolean }): RecordedMessage[];
  all(options?: { includeDeleted?: boolean }): RecordedMessage[];
}

export function createMessageStore(): MessageStore {
  const messages: RecordedMessage[] = [];
  const visible = (message: RecordedMessage, includeDeleted = false) => includeDeleted || !message.deleted;
  return {
    add: (message) => void messages.push(message),
    get: (id) => messages.find((message) => message.id === id),
    inChannel: (channelId, options = {}) => messages.filter((message) => message.channelId === channelId && visible(message, options.includeDeleted)),
    all: (options = {}) => messages.filter((message) => visible(message, options.includeDeleted)),
  };
}
