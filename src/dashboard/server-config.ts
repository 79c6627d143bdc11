// A server's configuration from the dashboard, for the API and the pages alike: the
// notification channel, the settings, role locks and dashboard roles. Each change runs the
// `/anime admin` subcommand that makes it in Discord (run-subcommand.ts), so the webhook is
// created, the values checked and the answer worded exactly as there.
import { DASHBOARD_ACCESS, isCommandLock, LOCKABLE_COMMANDS, type PermissionTarget } from '../commands/anime/lockable.ts';
import type { CommandServices } from '../commands/command.ts';
import type { ReceivedValues } from '../commands/options.ts';
import type { DashboardSession } from '../store/repositories.ts';
import { ApiError } from './api/api-route.ts';
import type { LocksAnswer, ServerSettingsView } from './api/server-config.schemas.ts';
import type { UserGuild } from './discord-user-api.ts';
import { canManage } from './guild-access.ts';
import { nameMentions } from './mention-names.ts';
import { runAnimeSubcommand } from './run-subcommand.ts';
import { serverRoles } from './server-from-discord.ts';

export type Actor = { session: DashboardSession; guild: UserGuild };

async function run(services: CommandServices, { session, guild }: Actor, path: string, values: ReceivedValues): Promise<string> {
  const outcome = await runAnimeSubcommand(services, path, values, { guildId: guild.id, userId: session.userId, permissions: guild.permissions });
  const message = await nameMentions(services.discord, guild.id, outcome.message);
  if (!outcome.ok) throw new ApiError(outcome.status, message);
  return message;
}

export async function setNotifyChannel(services: CommandServices, actor: Actor, channelId: string) {
  const message = await run(services, actor, 'admin setchannel', { channel: channelId });
  return { channelId, message };
}

export async function removeNotifyChannel(services: CommandServices, actor: Actor) {
  const message = await run(services, actor, 'admin removechannel', {});
  return { channelId: null, message };
}

export async function readSettings(services: CommandServices, guildId: string): Promise<ServerSettingsView> {
  const settings = await services.repositories.guilds.get(guildId);
  return {
    titleLanguage: settings?.titleLanguage ?? 'romaji',
    reminderOffsetMinutes: settings?.reminderOffsetMinutes ?? null,
    postAirDelayMinutes: settings?.postAirDelayMinutes ?? 0,
  };
}

export interface SettingsChange {
  titleLanguage?: ServerSettingsView['titleLanguage'] | undefined;
  /** null turns the reminder off, as 0 does in `/anime admin settings`. */
  reminderOffsetMinutes?: number | null | undefined;
  postAirDelayMinutes?: number | undefined;
}

export async function changeSettings(services: CommandServices, actor: Actor, change: SettingsChange) {
  const values = {
    ...(change.reminderOffsetMinutes !== undefined && { reminder: change.reminderOffsetMinutes ?? 0 }),
    ...(change.postAirDelayMinutes !== undefined && { delay: change.postAirDelayMinutes }),
    ...(change.titleLanguage !== undefined && { language: change.titleLanguage }),
  };
  const message = await run(services, actor, 'admin settings', values);
  return { settings: await readSettings(services, actor.guild.id), message };
}

export async function readLocks(services: CommandServices, guildId: string): Promise<LocksAnswer> {
  const locks = await services.repositories.commandLocks.listForGuild(guildId);
  return {
    lockable: [...LOCKABLE_COMMANDS],
    locks: locks.filter(isCommandLock),
    dashboardRoles: locks.filter((lock) => !isCommandLock(lock)).map((lock) => lock.roleId),
  };
}

export async function editLock(services: CommandServices, actor: Actor, change: { command: PermissionTarget; roleId: string; enable: boolean }) {
  // Who may use the dashboard is for the server's managers to say, not for those they let in.
  if (change.command === DASHBOARD_ACCESS && !canManage(actor.guild)) {
    throw new ApiError(403, 'Only members with Manage Server or Administrator can change who may use the dashboard.');
  }
  // In Discord the role option can only hold one of the server's roles; here any id could be sent.
  // A lock is lifted whatever its role (a deleted role's lock must be removable); @everyone (the
  // server's id) is left to the command, as Discord would send it.
  const isEveryone = change.roleId === actor.guild.id;
  if (change.enable && !isEveryone && !(await serverRoles(services.discord, actor.guild.id)).some((role) => role.id === change.roleId)) {
    throw new ApiError(422, 'That role is not in this server. Pick one of its roles.');
  }
  const message = await run(services, actor, 'admin editpermission', { enable: change.enable, command: change.command, role: change.roleId });
  return { ...(await readLocks(services, actor.guild.id)), message };
}
