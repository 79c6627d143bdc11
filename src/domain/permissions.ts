// Discord permission arithmetic. Permissions arrive as decimal strings that can exceed 2^53,
// so everything is BigInt.
import { PermissionFlagsBits } from 'discord-api-types/v10';

export function hasPermission(permissions: string | bigint, flag: bigint): boolean {
  const bits = typeof permissions === 'bigint' ? permissions : BigInt(permissions);
  return (bits & PermissionFlagsBits.Administrator) !== 0n || (bits & flag) === flag;
}

/** Who may use the admin commands: Manage Server or Administrator. */
export function canManageServer(permissions: string): boolean {
  return hasPermission(permissions, PermissionFlagsBits.ManageGuild);
}

export interface PermissionOverwrite {
  id: string;
  type: number;
  allow: string;
  deny: string;
}

export interface ChannelPermissionInput {
  guildId: string;
  ownerId: string;
  userId: string;
  /** Every role of the guild with its permissions; the @everyone role's id is the guild's. */
  roles: readonly { id: string; permissions: string }[];
  memberRoleIds: readonly string[];
  overwrites: readonly PermissionOverwrite[];
}

/** Discord's algorithm for a member's permissions in one channel. */
export function channelPermissions(input: ChannelPermissionInput): bigint {
  const ALL = (1n << 64n) - 1n;
  if (input.userId === input.ownerId) return ALL;
  const roleBits = new Map(input.roles.map((role) => [role.id, BigInt(role.permissions)]));
  let base = roleBits.get(input.guildId) ?? 0n;
  for (const roleId of input.memberRoleIds) base |= roleBits.get(roleId) ?? 0n;
  if ((base & PermissionFlagsBits.Administrator) !== 0n) return ALL;

  const apply = (bits: bigint, overwrite: { allow: bigint; deny: bigint }) => (bits & ~overwrite.deny) | overwrite.allow;
  const parsed = input.overwrites.map((overwrite) => ({ ...overwrite, allow: BigInt(overwrite.allow), deny: BigInt(overwrite.deny) }));
  let bits = base;
  const everyone = parsed.find((overwrite) => overwrite.id === input.guildId);
  if (everyone) bits = apply(bits, everyone);
  const memberRoles = new Set(input.memberRoleIds);
  const roles = parsed.filter((overwrite) => overwrite.type === 0 && memberRoles.has(overwrite.id));
  bits = apply(bits, {
    allow: roles.reduce((all, overwrite) => all | overwrite.allow, 0n),
    deny: roles.reduce((all, overwrite) => all | overwrite.deny, 0n),
  });
  const member = parsed.find((overwrite) => overwrite.type === 1 && overwrite.id === input.userId);
  if (member) bits = apply(bits, member);
  return bits;
}
