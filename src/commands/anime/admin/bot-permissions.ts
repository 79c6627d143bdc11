// What the bot may do in a channel, computed the way Discord does from the server's roles and
// the channel's overwrites, so a missing permission can be named before anything fails. The
// channel must already be known to belong to that server: another server's overwrites mean
// nothing against this server's roles.
import { PermissionFlagsBits, type APIGuild, type APIGuildMember, type APIOverwrite } from 'discord-api-types/v10';
import { channelPermissions } from '../../../domain/permissions.ts';

// Notifications are embeds: Embed Links is asked for with the others (the install link asks for
// the same four), so a channel is never accepted where they could show as bare text.
export const WEBHOOK_CHANNEL_NEEDS = [
  ['View Channel', PermissionFlagsBits.ViewChannel],
  ['Send Messages', PermissionFlagsBits.SendMessages],
  ['Embed Links', PermissionFlagsBits.EmbedLinks],
  ['Manage Webhooks', PermissionFlagsBits.ManageWebhooks],
] as const;

export interface BotInChannel {
  guild: Pick<APIGuild, 'id' | 'owner_id' | 'roles'>;
  botId: string;
  bot: Pick<APIGuildMember, 'roles'>;
  overwrites: readonly APIOverwrite[];
}

/** The names of the permissions a webhook channel needs that the bot lacks there. */
export function missingWebhookPermissions({ guild, botId, bot, overwrites }: BotInChannel): string[] {
  const bits = channelPermissions({ guildId: guild.id, ownerId: guild.owner_id, userId: botId, roles: guild.roles, memberRoleIds: bot.roles, overwrites });
  return WEBHOOK_CHANNEL_NEEDS.filter(([, flag]) => (bits & flag) !== flag).map(([name]) => name);
}
