// /anime admin editpermission: limit a lockable subcommand to a role, or lift that role's lock.
import { ApplicationCommandOptionType as Option } from 'discord-api-types/v10';
import { defineSubcommand } from '../../define-subcommand.ts';
import { ephemeral } from '../../reply.ts';
import { LOCKABLE_COMMANDS } from '../lockable.ts';

export const editPermission = defineSubcommand(
  {
    type: Option.Subcommand,
    name: 'editpermission',
    description: 'Limit a command to a role, or open it to everyone again',
    options: [
      { type: Option.Boolean, name: 'enable', description: 'True: only this role may use it. False: remove this role’s lock', required: true },
      { type: Option.String, name: 'command', description: 'The command', required: true, choices: LOCKABLE_COMMANDS.map((name) => ({ name, value: name })) },
      { type: Option.Role, name: 'role', description: 'The role', required: true },
    ],
  },
  {
    access: 'admin',
    async run({ services, guildId, options }) {
      const { commandLocks } = services.repositories;
      // Logged only when it changed something: a lock that was already there (or not) is no change.
      const changed = options.enable
        ? await commandLocks.lock(guildId, options.command, options.role, services.now())
        : (await commandLocks.unlock(guildId, options.command, options.role)) > 0;
      const roles = await commandLocks.rolesFor(guildId, options.command);
      const state =
        roles.length === 0
          ? `Everyone can use \`/anime ${options.command}\` again.`
          : `\`/anime ${options.command}\` is now limited to members with ${roles.map((role) => `<@&${role}>`).join(', ')} (and server managers).`;
      const details = { command: options.command, roleId: options.role };
      return ephemeral(state, changed ? { audit: { action: options.enable ? 'lock.add' : 'lock.remove', details } } : {});
    },
  },
);
