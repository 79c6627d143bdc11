// /anime admin setchannel and removechannel. Notifications go out through a webhook of ours in
// the chosen channel: it can post there and nothing else (it cannot read messages).
import { DiscordAPIError } from '@discordjs/rest';
import { RESTJSONErrorCodes } from 'discord-api-types/v10';
import { z } from 'zod';
import { deleteWebhookQuietly } from '../../../privacy/guild-data.ts';
import type { Subcommand } from '../../command.ts';
import { readOptions } from '../../read-options.ts';
import { ephemeral, UserError } from '../../reply.ts';
import { checkNotifyChannel } from './notify-channel.ts';

const WEBHOOK_NAME = 'AniTrack';

export const setChannel: Subcommand = {
  access: 'admin',
  async run(context) {
    const { services, guildId } = context;
    const { channel: channelId } = readOptions(context, { channel: z.string().regex(/^\d{1,20}$/) });
    await checkNotifyChannel(guildId, channelId, services);
    const created = await services.discord.channels.createWebhook(channelId, { name: WEBHOOK_NAME }).catch((error: unknown) => {
      throw explainWebhookError(error, channelId);
    });
    if (!created.token) throw new Error('Discord created a webhook without a token');
    const webhook = { id: created.id, token: created.token };
    const replaced = await services.repositories.guilds.setNotifyChannel(guildId, { channelId, webhook }, services.now());
    if (replaced) await deleteWebhookQuietly(services.discord, replaced);
    services.planSoon();

    await services.discord.webhooks.execute(webhook.id, webhook.token, {
      wait: true,
      content: 'AniTrack will post here when episodes of this server’s anime air. Members choose what pings them with `/anime subscribe`.',
      allowed_mentions: { parse: [] },
    });
    return ephemeral(`Notifications will be posted in <#${channelId}>. I sent a welcome message there.`);
  },
};

export const removeChannel: Subcommand = {
  access: 'admin',
  async run(context) {
    const { services, guildId } = context;
    const previous = await services.repositories.guilds.clearNotifyChannel(guildId, services.now());
    if (!previous) return ephemeral('This server has no notification channel.');
    await deleteWebhookQuietly(services.discord, previous);
    await services.repositories.deliveries.cancelPendingForGuild(guildId, services.now());
    return ephemeral('Notifications are off, and our webhook is deleted. `/anime admin setchannel` turns them back on.');
  },
};


function explainWebhookError(error: unknown, channelId: string): Error {
  if (!(error instanceof DiscordAPIError)) return error instanceof Error ? error : new Error(String(error));
  if (error.code === RESTJSONErrorCodes.MaximumNumberOfWebhooksReached) {
    return new UserError(`<#${channelId}> already has 15 webhooks, Discord's limit. Delete one in the channel's settings (Integrations → Webhooks), or pick another channel.`);
  }
  if (error.code === RESTJSONErrorCodes.MissingPermissions) {
    return new UserError(`Discord refused to let me create a webhook in <#${channelId}>. I need Manage Webhooks there.`);
  }
  return error;
}
