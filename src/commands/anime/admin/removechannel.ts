// /anime admin removechannel: notifications stop, and our webhook in the channel is deleted.
import { ApplicationCommandOptionType as Option } from 'discord-api-types/v10';
import { deleteWebhookQuietly } from '../../../privacy/guild-data.ts';
import { defineSubcommand } from '../../define-subcommand.ts';
import { ephemeral } from '../../reply.ts';

export const removeChannel = defineSubcommand(
  { type: Option.Subcommand, name: 'removechannel', description: 'Stop posting notifications and delete our webhook' },
  {
    access: 'admin',
    async run(context) {
      const { services, guildId } = context;
      const channelId = (await context.serverSettings.get())?.notifyChannelId ?? null;
      const previous = await services.repositories.guilds.clearNotifyChannel(guildId, services.now());
      context.serverSettings.changed();
      if (!previous) return ephemeral('This server has no notification channel.');
      await deleteWebhookQuietly(services.discord, previous);
      await services.repositories.deliveries.cancelPendingForGuild(guildId, services.now(), undefined, 'the notification channel was removed');
      return ephemeral('Notifications are off, and our webhook is deleted. `/anime admin setchannel` turns them back on.', {
        audit: { action: 'channel.remove', details: { channelId } },
      });
    },
  },
);
