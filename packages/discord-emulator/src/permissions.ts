// Discord's permission algorithm (topics/permissions, "Permission Hierarchy"): the guild owner
// and ADMINISTRATOR get everything; otherwise start from @everyone | the member's roles, then
// apply the channel's overwrites in order: @everyone deny/allow, the member's roles' combined
// deny/allow, then the member's own deny/allow. Bitfields are decimal strings that can exceed
// 2^53, so everything is BigInt.

export const Permission = {
  CREATE_INSTANT_INVITE: 1n << 0n,
  KICK_MEMBERS: 1n << 1n,
  BAN_MEMBERS: 1n << 2n,
  ADMINISTRATOR: 1n << 3n,
  MANAGE_CHANNELS: 1n << 4n,
  MANAGE_GUILD: 1n << 5n,
  ADD_REACTIONS: 1n << 6n,
  VIEW_CHANNEL: 1n << 10n,
  SEND_MESSAGES: 1n << 11n,
  EMBED_LINKS: 1n << 14n,
  ATTACH_FILES: 1n << 15n,
  READ_MESSAGE_HISTORY: 1n << 16n,
  MENTION_EVERYONE: 1n << 17n,
  USE_EXTERNAL_EMOJIS: 1n << 18n,
  MANAGE_ROLES: 1n << 28n,
  MANAGE_WEBHOOKS: 1n << 29n,
  USE_APPLICATION_COMMANDS: 1n << 31n,
} as const;

/** Every permission bit Discord defines today (through bit 52), i.e. "all" for owners and admins. */
export const ALL_PERMISSIONS = (1n << 53n) - 1n;

/** What a new server's @everyone role gets, near enough for tests that do not set roles. */
export const DEFAULT_EVERYONE_PERMISSIONS =
  Permission.CREATE_INSTANT_INVITE |
  Permission.ADD_REACTIONS |
  Permission.VIEW_CHANNEL |
  Permission.SEND_MESSAGES |
  Permission.EMBED_LINKS |
  Permission.ATTACH_FILES |
  Permission.READ_MESSAGE_HISTORY |
  Permission.USE_EXTERNAL_EMOJIS |
  Permission.USE_APPLICATION_COMMANDS;

export interface PermissionOverwrite {
  id: string;
  /** 0 role, 1 member. */
  type: 0 | 1;
  allow: string;
  deny: string;
}

export interface PermissionSubject {
  guildId: string;
  ownerId: string;
  userId: string;
  memberRoleIds: readonly string[];
  /** Role id → permissions bitfield (decimal string); the @everyone role's id is the guild id. */
  rolePermissions: ReadonlyMap<string, string>;
}

export function basePermissions(subject: PermissionSubject): bigint {
  if (subject.userId === subject.ownerId) return ALL_PERMISSIONS;
  let permissions = BigInt(subject.rolePermissions.get(subject.guildId) ?? '0');
  for (const roleId of subject.memberRoleIds) permissions |= BigInt(subject.rolePermissions.get(roleId) ?? '0');
  return permissions & Permission.ADMINISTRATOR ? ALL_PERMISSIONS : permissions;
}

export function channelPermissions(subject: PermissionSubject, overwrites: readonly PermissionOverwrite[]): bigint {
  const base = basePermissions(subject);
  if (base === ALL_PERMISSIONS) return base;
  let permissions = base;
  const everyone = overwrites.find((overwrite) => overwrite.type === 0 && overwrite.id === subject.guildId);
  if (everyone) permissions = (permissions & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
  let roleAllow = 0n;
  let roleDeny = 0n;
  for (const overwrite of overwrites) {
    if (overwrite.type !== 0 || !subject.memberRoleIds.includes(overwrite.id)) continue;
    roleAllow |= BigInt(overwrite.allow);
    roleDeny |= BigInt(overwrite.deny);
  }
  permissions = (permissions & ~roleDeny) | roleAllow;
  const member = overwrites.find((overwrite) => overwrite.type === 1 && overwrite.id === subject.userId);
  if (member) permissions = (permissions & ~BigInt(member.deny)) | BigInt(member.allow);
  return permissions;
}

export function hasAll(permissions: bigint, ...required: bigint[]): boolean {
  return required.every((bit) => (permissions & bit) === bit);
}
