// Whether a channel can receive notifications: it is in the server the command was used in,
// it is a text or announcement channel, and the bot can post there through a webhook. All of
// it is asked from Discord rather than read from the request, and nothing is created until
// every check passed: a channel id from another server the bot is in must never get a webhook.
import { DiscordAPIError } from '@discordjs/rest';
import { ChannelType, RESTJSONErrorCodes, type APIChannel } from 'discord-api-types/v10';
import type { CommandServices } from '../../command.ts';
import { UserError } from '../../reply.ts';
import { missingWebhookPermissions } from './bot-permissions.ts';

const NOTIFY_CHANNEL_TYPES: readonly number[] = [ChannelType.GuildText, ChannelType.GuildAnnouncement];
const PICK_ANOTHER = "Pick one of this server's text or announcement channels.";

/** @throws UserError saying why the channel cannot be used */
export async function checkNotifyChannel(guildId: string, channelId: string, services: CommandServices): Promise<void> {
  const { discord } = services;
  const me = await discord.users.getCurrent();
  const [guild, channel, bot] = await Promise.all([discord.guilds.get(guildId), fetchChannel(channelId, services), discord.guilds.getMember(guildId, me.id)]);
  if (channel === 'unknown') throw new UserError(`I can't find that channel. ${PICK_ANOTHER}`);
  // Discord hides a channel the bot cannot view: wherever it is, the bot cannot post there.
  if (channel === 'hidden') throw missingPermissionsError(channelId, ['View Channel']);
  // Not mentioned by id: another server's channel name is not this server's business.
  if (!('guild_id' in channel) || channel.guild_id !== guildId) throw new UserError(`That channel is not in this server. ${PICK_ANOTHER}`);
  if (!NOTIFY_CHANNEL_TYPES.includes(channel.type)) throw new UserError('Pick a text or announcement channel.');

  const overwrites = 'permission_overwrites' in channel ? (channel.permission_overwrites ?? []) : [];
  const missing = missingWebhookPermissions({ guild, botId: me.id, bot, overwrites });
  if (missing.length > 0) throw missingPermissionsError(channelId, missing);
}

async function fetchChannel(channelId: string, services: CommandServices): Promise<APIChannel | 'unknown' | 'hidden'> {
  return services.discord.channels.get(channelId).catch((error: unknown) => {
    if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownChannel) return 'unknown' as const;
    if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.MissingAccess) return 'hidden' as const;
    throw error;
  });
}

function missingPermissionsError(channelId: string, missing: readonly string[]): UserError {
  return new UserError(
    `I can't post in <#${channelId}>: I'm missing ${missing.join(', ')} there. Give AniTrack's role ${missing.length === 1 ? 'that permission' : 'those permissions'} in the channel, or pick another channel.`,
  );
}
