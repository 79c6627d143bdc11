// /anime admin editpermission: limit a lockable subcommand to a role, or lift that role's lock;
// with the `dashboard` target, give a role's members the right to manage the server on the web
// dashboard, or take it back.
import { ApplicationCommandOptionType as Option } from 'discord-api-types/v10';
import type { CommandServices } from '../../command.ts';
import { defineSubcommand } from '../../define-subcommand.ts';
import { ephemeral, UserError, type Reply } from '../../reply.ts';
import { DASHBOARD_ACCESS, PERMISSION_TARGETS } from '../lockable.ts';

const mentions = (roles: readonly string[]) => roles.map((role) => `<@&${role}>`).join(', ');

export const editPermission = defineSubcommand(
  {
    type: Option.Subcommand,
    name: 'editpermission',
    description: 'Limit a command to a role, or choose which roles may use the web dashboard',
    options: [
      { type: Option.Boolean, name: 'enable', description: 'True: only this role may use it. False: remove this role’s lock', required: true },
      {
        type: Option.String,
        name: 'command',
        description: 'The command, or "dashboard" for who may manage this server on the website',
        required: true,
        choices: PERMISSION_TARGETS.map((name) => ({ name, value: name })),
      },
      { type: Option.Role, name: 'role', description: 'The role', required: true },
    ],
  },
  {
    access: 'admin',
    async run({ services, guildId, options }) {
      if (options.command === DASHBOARD_ACCESS) return editDashboardAccess(services, guildId, options.enable, options.role);
      const { commandLocks } = services.repositories;
      // Logged only when it changed something: a lock that was already there (or not) is no change.
      const changed = options.enable
        ? await commandLocks.lock(guildId, options.command, options.role, services.now())
        : (await commandLocks.unlock(guildId, options.command, options.role)) > 0;
      const roles = await commandLocks.rolesFor(guildId, options.command);
      const state =
        roles.length === 0
          ? `Everyone can use \`/anime ${options.command}\` again.`
          : `\`/anime ${options.command}\` is now limited to members with ${mentions(roles)} (and server managers).`;
      const details = { command: options.command, roleId: options.role };
      return ephemeral(state, changed ? { audit: { action: options.enable ? 'lock.add' : 'lock.remove', details } } : {});
    },
  },
);

async function editDashboardAccess(services: CommandServices, guildId: string, enable: boolean, roleId: string): Promise<Reply> {
  const { commandLocks } = services.repositories;
  // The @everyone role's id is the server's: every member would manage the server.
  if (enable && roleId === guildId) {
    throw new UserError('The dashboard cannot be opened to @everyone. Pick the role of the members who should manage AniTrack here.');
  }
  if (enable) await commandLocks.lock(guildId, DASHBOARD_ACCESS, roleId, services.now());
  else await commandLocks.unlock(guildId, DASHBOARD_ACCESS, roleId);
  const roles = await commandLocks.rolesFor(guildId, DASHBOARD_ACCESS);
  return ephemeral(
    roles.length === 0
      ? "Only server managers (Manage Server or Administrator) may manage this server on AniTrack's dashboard."
      : `Members with ${mentions(roles)} may manage this server on AniTrack's dashboard, as server managers may.`,
  );
}
