// Whether the bot can post in the server's notification channel, asked of Discord now: the
// channel still exists and is in the server, the bot has what notifications need there
// (computed from the server's roles and the channel's overwrites, as Discord does), and our
// webhook still exists in that channel. Every problem is said in plain words with what to do.
import type { API } from '@discordjs/core/http-only';
import { DiscordAPIError } from '@discordjs/rest';
import { PermissionFlagsBits, RESTJSONErrorCodes, type APIChannel } from 'discord-api-types/v10';
import { channelPermissions } from '../domain/permissions.ts';
import type { Repositories } from '../store/repositories.ts';
import type { ChannelCheck } from './api/delivery-schemas.ts';

/** What a notification needs in its channel: to see it, post, show the embed, and keep our webhook. */
export const NOTIFICATION_CHANNEL_NEEDS = [
  ['View Channel', PermissionFlagsBits.ViewChannel],
  ['Send Messages', PermissionFlagsBits.SendMessages],
  ['Embed Links', PermissionFlagsBits.EmbedLinks],
  ['Manage Webhooks', PermissionFlagsBits.ManageWebhooks],
] as const;

const SET_AGAIN = 'Set the channel again with /anime admin setchannel.';
const NEEDS = NOTIFICATION_CHANNEL_NEEDS.map(([name]) => name);

const discordCode = (error: unknown) => (error instanceof DiscordAPIError && typeof error.code === 'number' ? error.code : undefined);

/** What the page shows when Discord did not answer the check (the rest of the page still works). */
export function checkNotAnswered(channelId: string | null): ChannelCheck {
  return {
    channelId,
    channelName: null,
    ok: false,
    channel: 'ok',
    permissions: [],
    webhook: 'unchecked',
    problems: ['Discord did not answer the check just now. Reload the page to try again.'],
  };
}

export async function checkChannel(deps: { repositories: Pick<Repositories, 'guilds'>; discord: API }, guildId: string): Promise<ChannelCheck> {
  const { repositories, discord } = deps;
  const [settings, notify] = await Promise.all([repositories.guilds.get(guildId), repositories.guilds.getNotifyChannel(guildId)]);
  if (!settings?.notifyChannelId || !notify) {
    return {
      channelId: null,
      channelName: null,
      ok: false,
      channel: 'not-set',
      permissions: [],
      webhook: 'not-set',
      problems: ['No notification channel is set, so nothing is posted. Choose one with /anime admin setchannel.'],
    };
  }
  const { channelId, webhook } = notify;
  const problems: string[] = [];
  if (settings.channelBrokenAt !== null) {
    problems.push(
      `AniTrack stopped posting on ${new Date(settings.channelBrokenAt).toISOString().slice(0, 16).replace('T', ' ')} UTC because Discord said our webhook was gone. ${SET_AGAIN}`,
    );
  }

  const channel = await discord.channels.get(channelId).catch((error: unknown): 'deleted' | 'hidden' => {
    const code = discordCode(error);
    if (code === RESTJSONErrorCodes.UnknownChannel) return 'deleted';
    if (code === RESTJSONErrorCodes.MissingAccess) return 'hidden';
    throw error;
  });
  if (channel === 'deleted') {
    return {
      channelId,
      channelName: null,
      ok: false,
      channel,
      permissions: [],
      webhook: 'gone',
      problems: [...problems, `The notification channel was deleted. ${SET_AGAIN}`],
    };
  }
  if (channel === 'hidden') {
    const permissions = NEEDS.map((name) => ({ name, granted: false }));
    return {
      channelId,
      channelName: null,
      ok: false,
      channel,
      permissions,
      webhook: 'unchecked',
      problems: [...problems, 'AniTrack cannot see the notification channel: give its role View Channel there (and the other permissions listed).'],
    };
  }
  if (!('guild_id' in channel) || channel.guild_id !== guildId) {
    return {
      channelId,
      channelName: null,
      ok: false,
      channel: 'elsewhere',
      permissions: [],
      webhook: 'unchecked',
      problems: [...problems, `The stored channel is not in this server. ${SET_AGAIN}`],
    };
  }

  const permissions = await botPermissions(discord, guildId, channel).catch((error: unknown) => {
    const code = discordCode(error);
    if (code === RESTJSONErrorCodes.UnknownGuild || code === RESTJSONErrorCodes.UnknownMember) return 'not-in-server' as const;
    throw error;
  });
  if (permissions === 'not-in-server') {
    return {
      channelId,
      channelName: channel.name ?? null,
      ok: false,
      channel: 'ok',
      permissions: [],
      webhook: 'unchecked',
      problems: [...problems, 'AniTrack is no longer in this server. Add the bot again from “My servers”.'],
    };
  }
  const missing = permissions.filter((permission) => !permission.granted).map((permission) => permission.name);
  if (missing.length > 0) {
    problems.push(
      `AniTrack is missing ${listed(missing)} in #${channel.name ?? channelId}. Give its role ${missing.length === 1 ? 'that permission' : 'those permissions'} in the channel’s settings.`,
    );
  }

  const found = await discord.webhooks.get(webhook.id, { token: webhook.token }).catch((error: unknown) => {
    const code = discordCode(error);
    if (code === RESTJSONErrorCodes.UnknownWebhook || code === RESTJSONErrorCodes.InvalidWebhookToken) return 'gone' as const;
    throw error;
  });
  let webhookState: ChannelCheck['webhook'] = 'ok';
  if (found === 'gone') {
    webhookState = 'gone';
    if (settings.channelBrokenAt === null) problems.push(`Our webhook in the channel was deleted, so notifications cannot be posted. ${SET_AGAIN}`);
  } else if (found.channel_id !== channelId) {
    webhookState = 'moved';
    problems.push(`Our webhook was moved to another channel in Discord’s settings, so notifications go there. ${SET_AGAIN}`);
  }
  return { channelId, channelName: channel.name ?? null, ok: problems.length === 0, channel: 'ok', permissions, webhook: webhookState, problems };
}

async function botPermissions(discord: API, guildId: string, channel: APIChannel): Promise<ChannelCheck['permissions']> {
  const me = await discord.users.getCurrent();
  const [guild, member] = await Promise.all([discord.guilds.get(guildId), discord.guilds.getMember(guildId, me.id)]);
  const overwrites = 'permission_overwrites' in channel ? (channel.permission_overwrites ?? []) : [];
  const bits = channelPermissions({ guildId, ownerId: guild.owner_id, userId: me.id, roles: guild.roles, memberRoleIds: member.roles, overwrites });
  return NOTIFICATION_CHANNEL_NEEDS.map(([name, flag]) => ({ name, granted: (bits & flag) === flag }));
}

function listed(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
