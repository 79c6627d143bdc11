import { PermissionFlagsBits as P } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { canManageServer, channelPermissions } from '../../src/domain/permissions.ts';

const GUILD = '1';
const base = { guildId: GUILD, ownerId: '99', userId: '50', memberRoleIds: ['2'], overwrites: [] };
const roles = [
  { id: GUILD, permissions: String(P.ViewChannel | P.SendMessages) },
  { id: '2', permissions: String(P.ManageWebhooks) },
];

describe('permissions', () => {
  it('recognises server managers, with permissions beyond 2^53', () => {
    expect(canManageServer(String(P.ManageGuild))).toBe(true);
    expect(canManageServer(String(P.Administrator))).toBe(true);
    expect(canManageServer(String(P.SendMessages | (1n << 60n)))).toBe(false);
  });

  it("applies Discord's overwrite order: @everyone, then roles, then the member", () => {
    expect(channelPermissions({ ...base, roles }) & P.ManageWebhooks).toBe(P.ManageWebhooks);
    const everyoneDenied = channelPermissions({ ...base, roles, overwrites: [{ id: GUILD, type: 0, allow: '0', deny: String(P.ViewChannel) }] });
    expect(everyoneDenied & P.ViewChannel).toBe(0n);
    const roleAllows = channelPermissions({
      ...base,
      roles,
      overwrites: [
        { id: GUILD, type: 0, allow: '0', deny: String(P.ViewChannel) },
        { id: '2', type: 0, allow: String(P.ViewChannel), deny: '0' },
      ],
    });
    expect(roleAllows & P.ViewChannel).toBe(P.ViewChannel);
    const memberDenied = channelPermissions({ ...base, roles, overwrites: [{ id: '50', type: 1, allow: '0', deny: String(P.ManageWebhooks) }] });
    expect(memberDenied & P.ManageWebhooks).toBe(0n);
  });

  it('gives the owner and administrators everything, whatever the overwrites', () => {
    const deny = [{ id: GUILD, type: 0, allow: '0', deny: String(P.ViewChannel) }];
    expect(channelPermissions({ ...base, roles, userId: '99', overwrites: deny }) & P.ViewChannel).toBe(P.ViewChannel);
    const adminRoles = [...roles, { id: '3', permissions: String(P.Administrator) }];
    expect(channelPermissions({ ...base, roles: adminRoles, memberRoleIds: ['3'], overwrites: deny }) & P.ViewChannel).toBe(P.ViewChannel);
  });
});
