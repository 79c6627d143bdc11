// The bodies and answers of a server's configuration: notification channel, settings, role
// locks and dashboard roles, and the week's schedule. The limits of the values are the slash
// commands': the handlers check them and refuse in their own words (422), so only the types
// are checked here (400).
import { z } from 'zod';
import { PERMISSION_TARGETS } from '../../commands/anime/lockable.ts';
import { snowflake } from './schemas.ts';

export const channelsAnswer = z.object({
  channelId: snowflake.nullable().describe('Where notifications go now'),
  channels: z.array(
    z.object({
      id: snowflake,
      name: z.string(),
      kind: z.enum(['text', 'announcement']),
      usable: z.boolean().describe('Whether the bot has every permission it needs there'),
      missing: z.array(z.string()).describe('The permissions the bot lacks there, by name (View Channel, Send Messages, Embed Links, Manage Webhooks)'),
    }),
  ),
});

export const setChannelBody = z.strictObject({ channelId: snowflake });
export const channelAnswer = z.object({ channelId: snowflake.nullable(), message: z.string() });

export const titleLanguage = z.enum(['romaji', 'english', 'native']);
export const serverSettings = z.object({
  titleLanguage,
  reminderOffsetMinutes: z.number().int().nullable().describe('Minutes before airing; null: no reminder'),
  postAirDelayMinutes: z.number().int(),
});

export const settingsBody = z.strictObject({
  titleLanguage: titleLanguage.optional(),
  reminderOffsetMinutes: z.number().int().nullable().optional().describe('0 to 1440 minutes before airing; null or 0 turns the reminder off'),
  postAirDelayMinutes: z.number().int().optional().describe('0 to 1440 minutes after airing'),
});
export const settingsAnswer = z.object({ settings: serverSettings, message: z.string() });

export const rolesAnswer = z.object({
  roles: z.array(z.object({ id: snowflake, name: z.string(), managed: z.boolean().describe("A bot's or an integration's role") })),
});

export const lockBody = z.strictObject({
  command: z.enum(PERMISSION_TARGETS).describe('A lockable /anime subcommand, or "dashboard" for the roles that may manage the server here'),
  roleId: snowflake,
});
export const locksAnswer = z.object({
  lockable: z.array(z.string()).describe('The /anime subcommands that can be limited to roles'),
  locks: z.array(z.object({ command: z.string(), roleId: snowflake })),
  dashboardRoles: z.array(snowflake),
});
export const lockChangeAnswer = locksAnswer.extend({ message: z.string() });

export const scheduleQuery = z.object({ days: z.coerce.number().int().min(1).max(7).default(7).describe('How many days ahead, 1 to 7') });
export const scheduleAnswer = z.object({
  days: z.number().int(),
  airings: z.array(z.object({ mediaId: z.number().int(), title: z.string(), episode: z.number().int(), airingAt: z.string().describe('ISO 8601') })),
});

export type ChannelsAnswer = z.output<typeof channelsAnswer>;
export type ServerSettingsView = z.output<typeof serverSettings>;
export type LocksAnswer = z.output<typeof locksAnswer>;
export type ScheduleAnswer = z.output<typeof scheduleAnswer>;
export type RolesAnswer = z.output<typeof rolesAnswer>;
