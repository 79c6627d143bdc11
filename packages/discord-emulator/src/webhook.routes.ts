// Creating, listing, reading, renaming and deleting channel webhooks. Creation follows
// reference C3: the bot needs VIEW_CHANNEL and MANAGE_WEBHOOKS in the channel (50013), the name
// is 1–80 characters without "clyde"/"discord" (50035), and a channel holds at most 15 (30007).
// The token URL routes need no Authorization: the token is the credential.
import { randomBytes } from 'node:crypto';
import { assertValid, isPlainObject, maxWebhooks, missingAccess, missingPermissions, unknownChannel, unknownGuild, unknownWebhook } from './api-errors.ts';
import type { FakeDiscordContext } from './context.ts';
import { validateWebhookName } from './message-validation.ts';
import { hasAll, Permission } from './permissions.ts';
import type { Route, RouteRequest } from './router.ts';
import { apiWebhook, MAX_WEBHOOKS_PER_CHANNEL, type FakeWebhook } from './webhooks.ts';

export function webhookRoutes(context: FakeDiscordContext): Route[] {
  const { guilds, webhooks, botUser } = context;

  /** The channel, if the bot may manage its webhooks. */
  const manageableChannel = (channelId: string) => {
    const found = guilds.channel(channelId);
    if (!found) throw unknownChannel();
    if (!found.guild.botPresent) throw missingAccess();
    if (!hasAll(guilds.permissionsIn(channelId, botUser.id), Permission.VIEW_CHANNEL, Permission.MANAGE_WEBHOOKS)) throw missingPermissions();
    return found;
  };

  const rename = (webhook: FakeWebhook, body: unknown) => {
    const patch = isPlainObject(body) ? body : {};
    if (patch.name !== undefined) assertValid(validateWebhookName(patch.name, ['name']));
    if (typeof patch.name === 'string') webhook.name = patch.name;
    if (patch.avatar !== undefined) webhook.avatar = avatarHash(patch.avatar);
  };

  const tokenWebhook = (request: RouteRequest) => webhooks.withToken(request.param('webhookId'), request.param('token'));
  const ownedWebhook = (request: RouteRequest) => {
    const webhook = webhooks.get(request.param('webhookId'));
    if (!webhook) throw unknownWebhook();
    // Reading or deleting someone else's webhook needs MANAGE_WEBHOOKS where it lives.
    if (webhook.applicationId !== context.applicationId) manageableChannel(webhook.channelId);
    return webhook;
  };

  return [
    {
      method: 'POST',
      path: '/channels/:channelId/webhooks',
      auth: 'bot',
      handle(request) {
        const { guild, channel } = manageableChannel(request.param('channelId'));
        const body = isPlainObject(request.body) ? request.body : {};
        assertValid(validateWebhookName(body.name, ['name']));
        if (webhooks.inChannel(channel.id).length >= MAX_WEBHOOKS_PER_CHANNEL) throw maxWebhooks();
        const webhook = webhooks.create({
          guildId: guild.id,
          channelId: channel.id,
          name: String(body.name),
          avatar: avatarHash(body.avatar),
          applicationId: context.applicationId,
          creator: botUser,
        });
        return { status: 200, body: apiWebhook(webhook, { withUser: true }) };
      },
    },
    {
      method: 'GET',
      path: '/channels/:channelId/webhooks',
      auth: 'bot',
      handle(request) {
        const { channel } = manageableChannel(request.param('channelId'));
        return { status: 200, body: webhooks.inChannel(channel.id).map((webhook) => apiWebhook(webhook, { withUser: true })) };
      },
    },
    {
      method: 'GET',
      path: '/guilds/:guildId/webhooks',
      auth: 'bot',
      handle(request) {
        const guild = guilds.get(request.param('guildId'));
        if (!guild?.botPresent) throw unknownGuild();
        if (!hasAll(guilds.guildPermissions(guild.id, botUser.id), Permission.MANAGE_WEBHOOKS)) throw missingPermissions();
        return { status: 200, body: webhooks.inGuild(guild.id).map((webhook) => apiWebhook(webhook, { withUser: true })) };
      },
    },
    {
      method: 'GET',
      path: '/webhooks/:webhookId',
      auth: 'bot',
      handle: (request) => ({ status: 200, body: apiWebhook(ownedWebhook(request), { withUser: true }) }),
    },
    {
      method: 'PATCH',
      path: '/webhooks/:webhookId',
      auth: 'bot',
      handle(request) {
        const webhook = ownedWebhook(request);
        rename(webhook, request.body);
        return { status: 200, body: apiWebhook(webhook, { withUser: true }) };
      },
    },
    {
      method: 'DELETE',
      path: '/webhooks/:webhookId',
      auth: 'bot',
      handle(request) {
        webhooks.delete(ownedWebhook(request).id);
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      path: '/webhooks/:webhookId/:token',
      auth: 'none',
      handle: (request) => ({ status: 200, body: apiWebhook(tokenWebhook(request), { withUser: false }) }),
    },
    {
      method: 'PATCH',
      path: '/webhooks/:webhookId/:token',
      auth: 'none',
      handle(request) {
        const webhook = tokenWebhook(request);
        rename(webhook, request.body);
        return { status: 200, body: apiWebhook(webhook, { withUser: false }) };
      },
    },
    {
      method: 'DELETE',
      path: '/webhooks/:webhookId/:token',
      auth: 'none',
      handle(request) {
        webhooks.delete(tokenWebhook(request).id);
        return { status: 204 };
      },
    },
  ];
}

/** Discord stores an uploaded avatar (a data URI) and answers with its hash. */
function avatarHash(avatar: unknown): string | null {
  return typeof avatar === 'string' && avatar.length > 0 ? randomBytes(16).toString('hex') : null;
}
