// The JSON Discord returns for the model's objects (resources/guild, channel, user): the fields
// clients read, with Discord's defaults for the rest, so a client that destructures the real
// object finds the same keys here.
import type { APIGuildMember, APIRole, APIUser, GuildMemberFlags, RoleFlags, UserFlags } from 'discord-api-types/v10';

// discord-api-types' flag enums have no 0 member, though 0 ("no flags") is what Discord sends.
export const NO_USER_FLAGS = 0 as UserFlags;
import type { FakeChannel, FakeGuild, FakeMember, FakeRole, FakeUser, GuildModel } from './guild-model.ts';

export function apiUser(user: FakeUser): APIUser {
  return {
    id: user.id,
    username: user.username,
    // Bots keep a four-digit discriminator; people migrated to unique names have "0".
    discriminator: user.bot ? '0000' : '0',
    global_name: user.globalName,
    avatar: null,
    ...(user.bot ? { bot: true } : {}),
    public_flags: NO_USER_FLAGS,
    flags: NO_USER_FLAGS,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
  };
}

export function apiRole(role: FakeRole): APIRole {
  return {
    id: role.id,
    name: role.name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: role.position,
    permissions: role.permissions,
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

export function apiChannel(channel: FakeChannel, options: { withGuildId: boolean } = { withGuildId: true }): Record<string, unknown> {
  return {
    id: channel.id,
    type: channel.type,
    ...(options.withGuildId ? { guild_id: channel.guildId } : {}),
    name: channel.name,
    position: channel.position,
    flags: 0,
    parent_id: channel.parentId,
    permission_overwrites: channel.permissionOverwrites.map((overwrite) => ({ ...overwrite })),
    nsfw: false,
    ...(channel.type === 4 ? {} : { topic: null, last_message_id: null, rate_limit_per_user: 0 }),
  };
}

export function apiMember(member: FakeMember, users: GuildModel): APIGuildMember {
  return {
    user: apiUser(users.user(member.userId)),
    nick: null,
    avatar: null,
    banner: null,
    roles: [...member.roles],
    joined_at: member.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
  };
}

export function apiGuild(guild: FakeGuild): Record<string, unknown> {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    icon_hash: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: guild.roles.map(apiRole),
    emojis: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    max_presences: null,
    max_members: 500000,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    nsfw_level: 0,
    stickers: [],
    premium_progress_bar_enabled: false,
    safety_alerts_channel_id: null,
    incidents_data: null,
  };
}

/** GUILD_CREATE's payload: the guild plus what only the gateway sends (gateway-events "Guild Create"). */
export function guildCreatePayload(guild: FakeGuild, users: GuildModel, botUserId: string): Record<string, unknown> {
  const bot = guild.members.get(botUserId);
  return {
    ...apiGuild(guild),
    joined_at: bot?.joinedAt ?? new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: guild.members.size,
    voice_states: [],
    members: bot ? [apiMember(bot, users)] : [],
    channels: guild.channels.map((channel) => apiChannel(channel, { withGuildId: false })),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
