// Who may run what, checked on our side for every interaction: Discord's own command
// permissions can be changed by any server admin and a forged request carries whatever it likes.
import type { Access, CommandServices, GuildInvocation } from '../commands/command.ts';
import { UserError } from '../commands/reply.ts';
import type { ServerSettings } from '../commands/server-settings.ts';
import { canManageServer } from '../domain/permissions.ts';

export async function checkAccess(access: Access, lockName: string, invocation: GuildInvocation, services: CommandServices): Promise<void> {
  const isManager = canManageServer(invocation.member.permissions);
  if (access === 'admin' && !isManager) {
    throw new UserError('Only members with the Manage Server or Administrator permission can use this command.');
  }
  // Server managers are never locked out of their own server's list.
  if (access !== 'lockable' || isManager) return;
  const roles = await services.repositories.commandLocks.rolesFor(invocation.guildId, lockName);
  if (roles.length === 0 || roles.some((role) => invocation.member.roles.includes(role))) return;
  const mentions = roles.map((role) => `<@&${role}>`).join(', ');
  throw new UserError(`On this server, \`${lockName}\` is limited to members with ${roles.length === 1 ? 'the role' : 'one of the roles'} ${mentions}.`);
}

/** Server managers hear about a notification channel that stopped working the next time they use a command. */
export async function brokenChannelNotice(invocation: GuildInvocation, serverSettings: ServerSettings): Promise<string | undefined> {
  if (!canManageServer(invocation.member.permissions)) return undefined;
  const guild = await serverSettings.get();
  if (!guild?.channelBrokenAt) return undefined;
  return `⚠️ Notifications have stopped: the webhook AniTrack used in ${guild.notifyChannelId ? `<#${guild.notifyChannelId}>` : 'the notification channel'} was deleted. Run \`/anime admin setchannel\` to set it up again.`;
}
