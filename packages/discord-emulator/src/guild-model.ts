// The servers a test sets up: roles, channels with permission overwrites, members, and whether
// the bot is in each one. Routes read it (GET /guilds/..., webhook creation checks the bot's
// permissions here) and the gateway announces it (GUILD_CREATE), so one model answers both.
import { basePermissions, channelPermissions, DEFAULT_EVERYONE_PERMISSIONS, type PermissionOverwrite, type PermissionSubject } from './permissions.ts';
import type { SnowflakeFactory } from './snowflake.ts';

export interface FakeUser {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
}

export interface FakeRole {
  id: string;
  name: string;
  permissions: string;
  position: number;
}

export interface FakeChannel {
  id: string;
  guildId: string;
  name: string;
  /** 0 text, 2 voice, 4 category, 5 announcement, 15 forum. */
  type: number;
  position: number;
  parentId: string | null;
  permissionOverwrites: PermissionOverwrite[];
}

export interface FakeMember {
  userId: string;
  roles: string[];
  joinedAt: string;
}

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  roles: FakeRole[];
  channels: FakeChannel[];
  members: Map<string, FakeMember>;
  /** False once the bot was removed (gateway.guildDelete) or when set up without it. */
  botPresent: boolean;
}

export interface AddGuildInput {
  id?: string;
  ownerId: string;
  name?: string;
  /** A role named "@everyone" (or with id = guild id) is the @everyone role; one is added when missing. */
  roles?: { id?: string; name: string; permissions: string }[];
  channels?: { id?: string; name: string; type?: number; parentId?: string; permissionOverwrites?: PermissionOverwrite[] }[];
  members?: { userId: string; roles?: string[]; username?: string }[];
  /** The bot's roles in this server, or false when the bot is not in it. Ignored when `members` lists the bot. */
  bot?: { roles: string[] } | false;
}

export interface AddedGuild {
  guildId: string;
  /** In input order, @everyone included where the input listed it. */
  roleIds: string[];
  channelIds: string[];
}

export interface GuildModel {
  add(input: AddGuildInput): AddedGuild;
  get(guildId: string): FakeGuild | undefined;
  all(): FakeGuild[];
  channel(channelId: string): { guild: FakeGuild; channel: FakeChannel } | undefined;
  user(userId: string): FakeUser;
  rememberUser(user: FakeUser): void;
  /** People (not bots) who exist here: users remembered or added, and every guild's members; first seen first. */
  people(): FakeUser[];
  isPerson(userId: string): boolean;
  permissionsIn(channelId: string, userId: string, roleIds?: readonly string[]): bigint;
  /** Guild-wide permissions (no channel overwrites), e.g. for GET /guilds/{id}/webhooks. */
  guildPermissions(guildId: string, userId: string): bigint;
  setMemberRoles(guildId: string, userId: string, roleIds: string[]): void;
  setRolePermissions(guildId: string, roleId: string, permissions: string): void;
  setPermissionOverwrites(channelId: string, overwrites: PermissionOverwrite[]): void;
  deleteChannel(channelId: string): void;
}

export function createGuildModel(snowflakes: SnowflakeFactory, botUser: FakeUser): GuildModel {
  const guilds = new Map<string, FakeGuild>();
  const users = new Map<string, FakeUser>([[botUser.id, botUser]]);

  const requireGuild = (guildId: string) => {
    const guild = guilds.get(guildId);
    if (!guild) throw new Error(`fake Discord: no guild ${guildId} was added`);
    return guild;
  };

  const model: GuildModel = {
    add(input) {
      const guildId = input.id ?? snowflakes.next();
      const joinedAt = new Date().toISOString();
      const roles: FakeRole[] = (input.roles ?? []).map((role, position) => ({
        id: role.id ?? (role.name === '@everyone' ? guildId : snowflakes.next()),
        name: role.name,
        permissions: role.permissions,
        position: role.name === '@everyone' ? 0 : position + 1,
      }));
      const roleIds = roles.map((role) => role.id);
      if (!roles.some((role) => role.id === guildId)) {
        roles.unshift({ id: guildId, name: '@everyone', permissions: DEFAULT_EVERYONE_PERMISSIONS.toString(), position: 0 });
      }
      const channels: FakeChannel[] = (input.channels ?? []).map((channel, position) => ({
        id: channel.id ?? snowflakes.next(),
        guildId,
        name: channel.name,
        type: channel.type ?? 0,
        position,
        parentId: channel.parentId ?? null,
        permissionOverwrites: channel.permissionOverwrites ?? [],
      }));
      const members = new Map<string, FakeMember>();
      for (const member of input.members ?? []) {
        if (member.username) users.set(member.userId, { id: member.userId, username: member.username, globalName: null, bot: false });
        members.set(member.userId, { userId: member.userId, roles: member.roles ?? [], joinedAt });
      }
      if (!members.has(input.ownerId)) members.set(input.ownerId, { userId: input.ownerId, roles: [], joinedAt });
      const botListed = members.has(botUser.id);
      if (!botListed && input.bot !== false) members.set(botUser.id, { userId: botUser.id, roles: input.bot?.roles ?? [], joinedAt });
      guilds.set(guildId, {
        id: guildId,
        name: input.name ?? `Server ${guildId.slice(-4)}`,
        ownerId: input.ownerId,
        roles,
        channels,
        members,
        botPresent: botListed || input.bot !== false,
      });
      return { guildId, roleIds, channelIds: channels.map((channel) => channel.id) };
    },
    get: (guildId) => guilds.get(guildId),
    all: () => [...guilds.values()],
    channel(channelId) {
      for (const guild of guilds.values()) {
        const channel = guild.channels.find((candidate) => candidate.id === channelId);
        if (channel) return { guild, channel };
      }
      return undefined;
    },
    user: (userId) => users.get(userId) ?? { id: userId, username: `user${userId.slice(-4)}`, globalName: null, bot: false },
    rememberUser: (user) => void users.set(user.id, user),
    people() {
      const ids = new Set([...users.keys()]);
      for (const guild of guilds.values()) for (const userId of guild.members.keys()) ids.add(userId);
      return [...ids].map((id) => model.user(id)).filter((user) => !user.bot);
    },
    isPerson: (userId) => model.people().some((user) => user.id === userId),
    permissionsIn(channelId, userId, roleIds) {
      const found = model.channel(channelId);
      if (!found) return 0n;
      const { guild, channel } = found;
      const memberRoleIds = roleIds ?? guild.members.get(userId)?.roles ?? [];
      return channelPermissions(subjectOf(guild, userId, memberRoleIds), channel.permissionOverwrites);
    },
    guildPermissions(guildId, userId) {
      const guild = guilds.get(guildId);
      if (!guild) return 0n;
      return basePermissions(subjectOf(guild, userId, guild.members.get(userId)?.roles ?? []));
    },
    setMemberRoles(guildId, userId, roleIds) {
      const guild = requireGuild(guildId);
      const member = guild.members.get(userId);
      if (member) member.roles = [...roleIds];
      else guild.members.set(userId, { userId, roles: [...roleIds], joinedAt: new Date().toISOString() });
    },
    setRolePermissions(guildId, roleId, permissions) {
      const role = requireGuild(guildId).roles.find((candidate) => candidate.id === roleId);
      if (!role) throw new Error(`fake Discord: no role ${roleId} in guild ${guildId}`);
      role.permissions = permissions;
    },
    setPermissionOverwrites(channelId, overwrites) {
      const found = model.channel(channelId);
      if (!found) throw new Error(`fake Discord: no channel ${channelId}`);
      found.channel.permissionOverwrites = [...overwrites];
    },
    deleteChannel(channelId) {
      const found = model.channel(channelId);
      if (found) found.guild.channels = found.guild.channels.filter((channel) => channel.id !== channelId);
    },
  };
  return model;
}

function subjectOf(guild: FakeGuild, userId: string, memberRoleIds: readonly string[]): PermissionSubject {
  return {
    guildId: guild.id,
    ownerId: guild.ownerId,
    userId,
    memberRoleIds,
    rolePermissions: new Map(guild.roles.map((role) => [role.id, role.permissions])),
  };
}
