// Every kind of notification, with all its rules in one entry: when it is due for a server,
// until when it is still worth sending, and how it looks. The planner and the worker loop over
// or look up this registry and never branch on a kind, so a new kind is one more entry here
// (plus its embed), and the planner's choice and the worker's re-check at send time cannot drift
// apart.
import type { APIEmbed } from 'discord-api-types/v10';
import type { DeliveryKind, TimingSettings } from '../store/repositories.ts';
import type { Airing } from '../domain/media.ts';
import { airedEmbed } from './embeds/aired-embed.ts';
import { reminderEmbed } from './embeds/reminder-embed.ts';
import type { RenderInput } from './render-input.ts';

/** When an episode airs and when this server's notification about it is due. */
export interface Timing {
  airingAt: number;
  dueAt: number;
}

/** The part of a notification that depends on its kind; the bell and the pings are shared. */
export interface KindContent {
  embed: APIEmbed;
  /** Words before the subscribers' pings, when there are any. */
  pingLead: string;
}

export interface NotificationKind {
  /** When the server should hear about the episode; undefined when it turned this kind off. */
  due(airing: Pick<Airing, 'airingAt'>, guild: TimingSettings): number | undefined;
  /** Whether the notification still helps anyone at `now`; checked when planning and again before sending. */
  stillUseful(timing: Timing, now: number, catchUpMs: number): boolean;
  render(input: RenderInput): KindContent;
  /** Why a pending notification is cancelled when `due` says the server turned the kind off. */
  turnedOffReason: string;
  /** Why a due notification is skipped when it is no longer useful. */
  uselessReason: string;
}

const MINUTE = 60_000;

export const NOTIFICATION_KINDS: Record<DeliveryKind, NotificationKind> = {
  aired: {
    due: (airing, guild) => airing.airingAt + guild.postAirDelayMinutes * MINUTE,
    // After downtime, late news of an episode is still welcome, up to CATCH_UP_HOURS late.
    stillUseful: ({ dueAt }, now, catchUpMs) => now - dueAt <= catchUpMs,
    render: (input) => ({ embed: airedEmbed(input), pingLead: 'New episode:' }),
    // Every server with a channel gets these; the text is there for the registry's sake.
    turnedOffReason: 'new-episode notifications are turned off',
    uselessReason: 'too late to be useful after downtime',
  },
  reminder: {
    due: (airing, guild) => (guild.reminderOffsetMinutes ? airing.airingAt - guild.reminderOffsetMinutes * MINUTE : undefined),
    // A reminder only makes sense before the episode airs.
    stillUseful: ({ airingAt }, now) => airingAt > now,
    render: (input) => ({ embed: reminderEmbed(input), pingLead: 'Coming up:' }),
    turnedOffReason: 'reminders are turned off',
    uselessReason: 'the episode aired before the reminder could go out',
  },
};

/** Every kind, in the order the planner plans them. */
export const DELIVERY_KINDS = Object.keys(NOTIFICATION_KINDS) as DeliveryKind[];

/**
 * The rules for a stored delivery's kind. A row may name a kind this version does not know
 * (written by a newer one before a downgrade): undefined then, rather than a crash per attempt.
 */
export function notificationKind(kind: string): NotificationKind | undefined {
  return Object.hasOwn(NOTIFICATION_KINDS, kind) ? NOTIFICATION_KINDS[kind as DeliveryKind] : undefined;
}
