// What the bot may do in a channel, computed the way Discord does from the server's roles and
// the channel's overwrites, so a missing permission can be named before anything fails.
import { DiscordAPIError } from '@discordjs/rest';
import { PermissionFlagsBits, RESTJSONErrorCodes } from 'discord-api-types/v10';
import { channelPermissions } from '../../../domain/permissions.ts';
import type { CommandServices } from '../../command.ts';

export const WEBHOOK_CHANNEL_NEEDS = [
  ['View Channel', PermissionFlagsBits.ViewChannel],
  ['Send Messages', PermissionFlagsBits.SendMessages],
  ['Manage Webhooks', PermissionFlagsBits.ManageWebhooks],
] as const;

export async function missingChannelPermissions(guildId: string, channelId: string, services: CommandServices): Promise<string[]> {
  const { discord } = services;
  const me = await discord.users.getCurrent();
  const [guild, channel, member] = await Promise.all([
    discord.guilds.get(guildId),
    // Discord hides a channel the bot cannot view (50001 Missing Access): that is the answer.
    discord.channels.get(channelId).catch((error: unknown) => {
      if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.MissingAccess) return undefined;
      throw error;
    }),
    discord.guilds.getMember(guildId, me.id),
  ]);
  if (!channel) return ['View Channel'];
  const bits = channelPermissions({
    guildId,
    ownerId: guild.owner_id,
    userId: me.id,
    roles: guild.roles,
    memberRoleIds: member.roles,
    overwrites: 'permission_overwrites' in channel ? (channel.permission_overwrites ?? []) : [],
  });
  return WEBHOOK_CHANNEL_NEEDS.filter(([, flag]) => (bits & flag) !== flag).map(([name]) => name);
}
