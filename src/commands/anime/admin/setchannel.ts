// /anime admin setchannel. Notifications go out through a webhook of ours in the chosen
// channel: it can post there and nothing else (it cannot read messages).
import { DiscordAPIError } from '@discordjs/rest';
import { ApplicationCommandOptionType as Option, ChannelType, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { deleteWebhookQuietly } from '../../../privacy/guild-data.ts';
import { defineSubcommand } from '../../define-subcommand.ts';
import { ephemeral, UserError } from '../../reply.ts';
import { checkNotifyChannel } from './notify-channel.ts';

const WEBHOOK_NAME = 'AniTrack';

export const setChannel = defineSubcommand(
  {
    type: Option.Subcommand,
    name: 'setchannel',
    description: 'Post notifications in a channel',
    options: [
      {
        type: Option.Channel,
        name: 'channel',
        description: 'The channel',
        required: true,
        channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
      },
    ],
  },
  {
    access: 'admin',
    async run(context) {
      const { services, guildId } = context;
      const channelId = context.options.channel;
      await checkNotifyChannel(guildId, channelId, services);
      const created = await services.discord.channels.createWebhook(channelId, { name: WEBHOOK_NAME }).catch((error: unknown) => {
        throw explainWebhookError(error, channelId);
      });
      if (!created.token) throw new Error('Discord created a webhook without a token');
      const webhook = { id: created.id, token: created.token };
      const previousChannelId = (await context.serverSettings.get())?.notifyChannelId ?? null;
      const replaced = await services.repositories.guilds.setNotifyChannel(guildId, { channelId, webhook }, services.now());
      // A channel that had stopped working works again: the broken-channel notice must not follow this answer.
      context.serverSettings.changed();
      if (replaced) await deleteWebhookQuietly(services.discord, replaced);
      services.planSoon(guildId);

      await services.discord.webhooks.execute(webhook.id, webhook.token, {
        wait: true,
        content: 'AniTrack will post here when episodes of this server’s anime air. Members choose what pings them with `/anime subscribe`.',
        allowed_mentions: { parse: [] },
      });
      return ephemeral(`Notifications will be posted in <#${channelId}>. I sent a welcome message there.`, {
        audit: { action: 'channel.set', details: { channelId, previousChannelId } },
      });
    },
  },
);

function explainWebhookError(error: unknown, channelId: string): Error {
  if (!(error instanceof DiscordAPIError)) return error instanceof Error ? error : new Error(String(error));
  if (error.code === RESTJSONErrorCodes.MaximumNumberOfWebhooksReached) {
    return new UserError(
      `<#${channelId}> already has 15 webhooks, Discord's limit. Delete one in the channel's settings (Integrations → Webhooks), or pick another channel.`,
    );
  }
  if (error.code === RESTJSONErrorCodes.MissingPermissions) {
    return new UserError(`Discord refused to let me create a webhook in <#${channelId}>. I need Manage Webhooks there.`);
  }
  return error;
}
