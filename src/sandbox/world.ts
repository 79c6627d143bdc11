// The sandbox's pretend Discord server: an admin and a plain member, an #anime channel, and the
// bot with the permissions AniTrack asks for when it is invited.
import { Permission, type FakeDiscord } from '@anitrack/discord-emulator';

export interface SandboxUser {
  id: string;
  username: string;
  role: 'admin' | 'member';
}

export interface SandboxWorld {
  guildId: string;
  guildName: string;
  channels: { id: string; name: string }[];
  users: SandboxUser[];
}

export const SANDBOX_USERS: SandboxUser[] = [
  { id: '900000000000000001', username: 'Aiko (admin)', role: 'admin' },
  { id: '900000000000000002', username: 'Ren (member)', role: 'member' },
];

export function buildSandboxWorld(discord: FakeDiscord): SandboxWorld {
  const [admin, member] = SANDBOX_USERS as [SandboxUser, SandboxUser];
  const guildName = 'AniTrack Sandbox';
  const { guildId, roleIds, channelIds } = discord.addGuild({
    ownerId: admin.id,
    name: guildName,
    roles: [
      { name: '@everyone', permissions: String(Permission.VIEW_CHANNEL | Permission.SEND_MESSAGES) },
      { name: 'AniTrack', permissions: String(Permission.MANAGE_WEBHOOKS | Permission.EMBED_LINKS) },
    ],
    channels: [{ name: 'anime' }, { name: 'general' }],
    members: [
      { userId: admin.id, username: admin.username },
      { userId: member.id, username: member.username },
    ],
    bot: { roles: [] },
  });
  discord.setMemberRoles(guildId, discord.botUserId, [roleIds[1]!]);
  return {
    guildId,
    guildName,
    channels: [
      { id: channelIds[0]!, name: 'anime' },
      { id: channelIds[1]!, name: 'general' },
    ],
    users: SANDBOX_USERS,
  };
}
