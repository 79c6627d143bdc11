// /anime admin settings: reminders, the delay after airing and the title language; shows them
// when nothing is changed.
import { ApplicationCommandOptionType as Option } from 'discord-api-types/v10';
import type { AuditChange } from '../../../domain/audit.ts';
import type { GuildSettings, GuildsRepository } from '../../../store/repositories.ts';
import { defineSubcommand } from '../../define-subcommand.ts';
import { ephemeral, UserError } from '../../reply.ts';
import { TIER_NAMES } from '../../../domain/tiers.ts';

// A delay after airing is a custom notification time, a feature of the highest tier.
const NEEDS = TIER_NAMES.supporter_plus;
const DELAY_NEEDS_TIER = `A delay after airing is a custom notification time, part of AniTrack premium's ${NEEDS} tier. On this server's tier notifications post as soon as an episode airs; \`delay:0\` is always allowed.`;

// A stored delay the tier no longer allows is kept, not applied: it comes back with the tier.
function delayText(minutes: number, applied: boolean): string {
  if (minutes === 0) return 'as soon as it airs';
  return applied ? `${minutes} minutes after it airs` : `as soon as it airs (a delay of ${minutes} minutes is held: needs ${NEEDS})`;
}

export const settings = defineSubcommand(
  {
    type: Option.Subcommand,
    name: 'settings',
    description: 'Reminders, notification delay and title language',
    options: [
      { type: Option.Integer, name: 'reminder', description: 'Minutes before airing to post a reminder (0 turns it off)', min_value: 0, max_value: 1440 },
      { type: Option.Integer, name: 'delay', description: 'Minutes after airing to post the notification (0 to 1440)', min_value: 0, max_value: 1440 },
      {
        type: Option.String,
        name: 'language',
        description: 'Which title to show',
        choices: [
          { name: 'Romaji', value: 'romaji' },
          { name: 'English', value: 'english' },
          { name: 'Native', value: 'native' },
        ],
      },
    ],
  },
  {
    access: 'admin',
    async run(context) {
      const { services, guildId, options } = context;
      const changed = options.reminder !== undefined || options.delay !== undefined || options.language !== undefined;
      const { customTiming } = services.tiers.limitsFor(await context.serverSettings.get());
      if (options.delay !== undefined && options.delay > 0 && !customTiming) throw new UserError(DELAY_NEEDS_TIER);
      const updates: SettingsUpdate = {
        ...(options.reminder !== undefined && { reminderOffsetMinutes: options.reminder === 0 ? null : options.reminder }),
        ...(options.delay !== undefined && { postAirDelayMinutes: options.delay }),
        ...(options.language !== undefined && { titleLanguage: options.language }),
      };
      const audit = changed ? settingsChange(await context.serverSettings.get(), updates) : undefined;
      if (changed) {
        await services.repositories.guilds.updateSettings(guildId, updates, services.now());
        context.serverSettings.changed();
        services.planSoon(guildId);
      }
      const current = await context.serverSettings.get();
      const reminder = current?.reminderOffsetMinutes ? `${current.reminderOffsetMinutes} minutes before an episode airs` : 'off';
      const delay = delayText(current?.postAirDelayMinutes ?? 0, customTiming);
      return ephemeral(
        [
          changed ? 'Settings saved.' : "This server's settings:",
          `• Reminder: ${reminder}`,
          `• Notification: ${delay}`,
          `• Titles: ${current?.titleLanguage ?? 'romaji'}`,
          `• Channel: ${current?.notifyChannelId ? `<#${current.notifyChannelId}>` : 'none (use `/anime admin setchannel`)'}`,
        ].join('\n'),
        audit ? { audit } : {},
      );
    },
  },
);

type SettingsUpdate = Parameters<GuildsRepository['updateSettings']>[1];

/** What the update changes, for the audit log; undefined when it sets every value to what it was. */
function settingsChange(before: GuildSettings | undefined, updates: SettingsUpdate): AuditChange | undefined {
  const pair = <T>(from: T, to: T | undefined) => (to === undefined || from === to ? undefined : { from, to });
  const reminderMinutes = pair(before?.reminderOffsetMinutes ?? null, updates.reminderOffsetMinutes);
  const delayMinutes = pair(before?.postAirDelayMinutes ?? 0, updates.postAirDelayMinutes);
  const titleLanguage = pair<string>(before?.titleLanguage ?? 'romaji', updates.titleLanguage);
  if (!reminderMinutes && !delayMinutes && !titleLanguage) return undefined;
  return {
    action: 'settings.change',
    details: { ...(reminderMinutes && { reminderMinutes }), ...(delayMinutes && { delayMinutes }), ...(titleLanguage && { titleLanguage }) },
  };
}
