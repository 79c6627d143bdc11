// Channel webhooks (resources/webhook): the store and the object Discord returns. Tokens are
// 68 url-safe characters like real ones; they are returned to whoever created or lists the
// webhook and are never written anywhere else by the fake.
import { randomBytes } from 'node:crypto';
import type { APIWebhook } from 'discord-api-types/v10';
import { invalidWebhookToken, unknownWebhook } from './api-errors.ts';
import type { FakeUser } from './guild-model.ts';
import { apiUser } from './guild-shapes.ts';
import type { SnowflakeFactory } from './snowflake.ts';

export const MAX_WEBHOOKS_PER_CHANNEL = 15;

export interface FakeWebhook {
  id: string;
  token: string;
  guildId: string;
  channelId: string;
  name: string;
  avatar: string | null;
  /** The application that created it; null for ones a server admin made in the client. */
  applicationId: string | null;
  creator: FakeUser;
}

export interface WebhookStore {
  create(input: Omit<FakeWebhook, 'id' | 'token'>): FakeWebhook;
  get(id: string): FakeWebhook | undefined;
  /** The webhook, checked the way Discord checks a token URL: unknown id 10015, wrong token 50027. */
  withToken(id: string, token: string): FakeWebhook;
  inChannel(channelId: string): FakeWebhook[];
  inGuild(guildId: string): FakeWebhook[];
  all(): FakeWebhook[];
  delete(id: string): boolean;
}

export function createWebhookStore(snowflakes: SnowflakeFactory): WebhookStore {
  const webhooks = new Map<string, FakeWebhook>();
  const store: WebhookStore = {
    create(input) {
      const webhook = { ...input, id: snowflakes.next(), token: randomBytes(51).toString('base64url') };
      webhooks.set(webhook.id, webhook);
      return webhook;
    },
    get: (id) => webhooks.get(id),
    withToken(id, token) {
      const webhook = webhooks.get(id);
      if (!webhook) throw unknownWebhook();
      if (webhook.token !== token) throw invalidWebhookToken();
      return webhook;
    },
    inChannel: (channelId) => [...webhooks.values()].filter((webhook) => webhook.channelId === channelId),
    inGuild: (guildId) => [...webhooks.values()].filter((webhook) => webhook.guildId === guildId),
    all: () => [...webhooks.values()],
    delete: (id) => webhooks.delete(id),
  };
  return store;
}

/** With `user` for bot-authenticated reads; the token URL routes leave it out, as Discord does. */
export function apiWebhook(webhook: FakeWebhook, options: { withUser: boolean }): APIWebhook {
  return {
    id: webhook.id,
    type: 1,
    guild_id: webhook.guildId,
    channel_id: webhook.channelId,
    name: webhook.name,
    avatar: webhook.avatar,
    token: webhook.token,
    application_id: webhook.applicationId,
    ...(options.withUser ? { user: apiUser(webhook.creator) } : {}),
  };
}
