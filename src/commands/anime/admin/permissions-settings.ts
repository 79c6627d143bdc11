// /anime admin editpermission and /anime admin settings.
import { z } from 'zod';
import type { Subcommand } from '../../command.ts';
import { readOptions } from '../../read-options.ts';
import { ephemeral } from '../../reply.ts';
import { LOCKABLE_COMMANDS } from '../definition.ts';

export const editPermission: Subcommand = {
  access: 'admin',
  async run(context) {
    const { services, guildId } = context;
    const options = readOptions(context, { enable: z.boolean(), command: z.enum(LOCKABLE_COMMANDS), role: z.string().regex(/^\d{1,20}$/) });
    const { commandLocks } = services.repositories;
    if (options.enable) await commandLocks.lock(guildId, options.command, options.role, services.now());
    else await commandLocks.unlock(guildId, options.command, options.role);
    const roles = await commandLocks.rolesFor(guildId, options.command);
    const state =
      roles.length === 0
        ? `Everyone can use \`/anime ${options.command}\` again.`
        : `\`/anime ${options.command}\` is now limited to members with ${roles.map((role) => `<@&${role}>`).join(', ')} (and server managers).`;
    return ephemeral(state);
  },
};

export const settings: Subcommand = {
  access: 'admin',
  async run(context) {
    const { services, guildId } = context;
    const options = readOptions(context, {
      reminder: z.number().int().min(0).max(1440).optional(),
      delay: z.number().int().min(0).max(1440).optional(),
      language: z.enum(['romaji', 'english', 'native']).optional(),
    });
    const { guilds } = services.repositories;
    const changed = options.reminder !== undefined || options.delay !== undefined || options.language !== undefined;
    if (changed) {
      await guilds.updateSettings(
        guildId,
        {
          ...(options.reminder !== undefined && { reminderOffsetMinutes: options.reminder === 0 ? null : options.reminder }),
          ...(options.delay !== undefined && { postAirDelayMinutes: options.delay }),
          ...(options.language !== undefined && { titleLanguage: options.language }),
        },
        services.now(),
      );
      services.planSoon();
    }
    const current = await guilds.get(guildId);
    const reminder = current?.reminderOffsetMinutes ? `${current.reminderOffsetMinutes} minutes before an episode airs` : 'off';
    const delay = current?.postAirDelayMinutes ? `${current.postAirDelayMinutes} minutes after it airs` : 'as soon as it airs';
    return ephemeral(
      [
        changed ? 'Settings saved.' : "This server's settings:",
        `• Reminder: ${reminder}`,
        `• Notification: ${delay}`,
        `• Titles: ${current?.titleLanguage ?? 'romaji'}`,
        `• Channel: ${current?.notifyChannelId ? `<#${current.notifyChannelId}>` : 'none (use `/anime admin setchannel`)'}`,
      ].join('\n'),
    );
  },
};
