// What the channel and role pickers show, asked of Discord with the bot's token: the server's
// text and announcement channels, each with the permissions the bot lacks there (computed as
// `/anime admin setchannel` checks them, from the server's roles, the channel's overwrites and
// the bot's own roles), and the server's roles.
import { DiscordAPIError } from '@discordjs/rest';
import type { API } from '@discordjs/core/http-only';
import { ChannelType, RESTJSONErrorCodes, type APIGuildChannel } from 'discord-api-types/v10';
import { missingWebhookPermissions } from '../commands/anime/admin/bot-permissions.ts';
import { ApiError } from './api/api-route.ts';

export interface NotifyChannelChoice {
  id: string;
  name: string;
  kind: 'text' | 'announcement';
  /** The permissions the bot needs there and lacks, by name; empty when the channel can be picked. */
  missing: string[];
}

export interface ServerRole {
  id: string;
  name: string;
  /** Roles of bots and integrations, which no member can be given. */
  managed: boolean;
}

const KINDS = new Map<number, NotifyChannelChoice['kind']>([
  [ChannelType.GuildText, 'text'],
  [ChannelType.GuildAnnouncement, 'announcement'],
]);

// The bot's own id does not change while the process runs.
const botIds = new WeakMap<object, Promise<string>>();
function botIdOf(discord: API): Promise<string> {
  let id = botIds.get(discord);
  if (!id) {
    id = discord.users.getCurrent().then((user) => user.id);
    botIds.set(discord, id);
    id.catch(() => botIds.delete(discord));
  }
  return id;
}

/** Discord says "Unknown Guild" both for a server that does not exist and one the bot is not in. */
function botAbsent(error: unknown): never {
  if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownGuild) {
    throw new ApiError(422, 'AniTrack is not in this server. Add the bot first.');
  }
  throw error;
}

export async function notifyChannelChoices(discord: API, guildId: string): Promise<NotifyChannelChoice[]> {
  const botId = await botIdOf(discord);
  const [guild, channels, bot] = await Promise.all([
    discord.guilds.get(guildId),
    discord.guilds.getChannels(guildId),
    discord.guilds.getMember(guildId, botId),
  ]).catch(botAbsent);
  // In the order Discord shows them: by category, then by position within it.
  const position = (channel: APIGuildChannel) => ('position' in channel && typeof channel.position === 'number' ? channel.position : 0);
  const categoryPosition = new Map(channels.filter((channel) => channel.type === ChannelType.GuildCategory).map((channel) => [channel.id, position(channel)]));
  const place = (channel: APIGuildChannel) => [channel.parent_id ? (categoryPosition.get(channel.parent_id) ?? 0) : -1, position(channel)] as const;
  return channels
    .filter((channel) => KINDS.has(channel.type))
    .sort((a, b) => place(a)[0] - place(b)[0] || place(a)[1] - place(b)[1])
    .map((channel) => ({
      id: channel.id,
      name: channel.name,
      kind: KINDS.get(channel.type)!,
      missing: missingWebhookPermissions({ guild, botId, bot, overwrites: channel.permission_overwrites ?? [] }),
    }));
}

/** The server's roles, highest first, without @everyone (its id is the server's, and no lock or access can name it). */
export async function serverRoles(discord: API, guildId: string): Promise<ServerRole[]> {
  const roles = await discord.guilds.getRoles(guildId).catch(botAbsent);
  return roles
    .filter((role) => role.id !== guildId)
    .sort((a, b) => b.position - a.position)
    .map((role) => ({ id: role.id, name: role.name, managed: role.managed }));
}
