// Turns airings and the servers' lists into deliveries, the outbox the worker sends from.
// Planning is idempotent (a unique key per server, episode and kind) and follows changes: a
// delayed episode or a changed setting moves pending deliveries; an anime or channel removed,
// a reminder turned off or an episode cancelled cancels them.
import type { Airing, DeliveriesRepository, Delivery, GuildSettings, PlannedDelivery, AiringsRepository, GuildsRepository, TrackedAnimeRepository } from '../store/repositories.ts';

export interface PlannerDependencies {
  airings: AiringsRepository;
  trackedAnime: TrackedAnimeRepository;
  guilds: GuildsRepository;
  deliveries: DeliveriesRepository;
  now(): number;
  /** How late a notification may still go out (CATCH_UP_HOURS). */
  catchUpMs: number;
  /** How far ahead to plan; the sync window's end. */
  aheadMs: number;
}

export interface PlanReport {
  planned: number;
  moved: number;
  cancelled: number;
  /** The earliest due time among pending deliveries, for the worker's timer. */
  nextDueAt: number | undefined;
}

const MINUTE = 60_000;
const keyOf = (delivery: Pick<PlannedDelivery, 'guildId' | 'mediaId' | 'episode' | 'kind'>) =>
  `${delivery.guildId}:${delivery.mediaId}:${delivery.episode}:${delivery.kind}`;

export function canNotify(guild: GuildSettings): boolean {
  return guild.notifyChannelId !== null && guild.hasWebhook && guild.channelBrokenAt === null && guild.leftAt === null;
}

/** When a server should hear about an episode, by kind; undefined when it should not. */
export function dueTimes(airing: Pick<Airing, 'airingAt'>, guild: GuildSettings): { aired: number; reminder: number | undefined } {
  return {
    aired: airing.airingAt + guild.postAirDelayMinutes * MINUTE,
    reminder: guild.reminderOffsetMinutes ? airing.airingAt - guild.reminderOffsetMinutes * MINUTE : undefined,
  };
}

export function createDeliveryPlanner(deps: PlannerDependencies) {
  return {
    async plan(): Promise<PlanReport> {
      const now = deps.now();
      const airings = await deps.airings.listBetween(now - deps.catchUpMs - 1440 * MINUTE, now + deps.aheadMs);
      const trackers = await deps.trackedAnime.trackers([...new Set(airings.map((airing) => airing.mediaId))]);
      const guilds = new Map((await deps.guilds.getMany([...new Set(trackers.map((tracker) => tracker.guildId))])).filter(canNotify).map((guild) => [guild.guildId, guild]));
      const guildsByMedia = new Map<number, GuildSettings[]>();
      for (const tracker of trackers) {
        const guild = guilds.get(tracker.guildId);
        if (guild) guildsByMedia.set(tracker.mediaId, [...(guildsByMedia.get(tracker.mediaId) ?? []), guild]);
      }

      const desired = new Map<string, PlannedDelivery>();
      for (const airing of airings) {
        for (const guild of guildsByMedia.get(airing.mediaId) ?? []) {
          const due = dueTimes(airing, guild);
          const base = { guildId: guild.guildId, mediaId: airing.mediaId, episode: airing.episode };
          if (due.aired >= now - deps.catchUpMs) desired.set(keyOf({ ...base, kind: 'aired' }), { ...base, kind: 'aired', dueAt: due.aired });
          // A reminder only makes sense before the episode airs.
          if (due.reminder !== undefined && airing.airingAt > now) desired.set(keyOf({ ...base, kind: 'reminder' }), { ...base, kind: 'reminder', dueAt: due.reminder });
        }
      }
      const planned = await deps.deliveries.plan([...desired.values()], now);

      const episodesInWindow = new Set(airings.map((airing) => `${airing.mediaId}:${airing.episode}`));
      const pending = await deps.deliveries.listPending();
      const moves: { id: number; dueAt: number }[] = [];
      const cancels: number[] = [];
      for (const delivery of pending) {
        const wanted = desired.get(keyOf(delivery));
        if (wanted) {
          if (wanted.dueAt !== delivery.dueAt) moves.push({ id: delivery.id, dueAt: wanted.dueAt });
        } else if (delivery.dueAt > now && (await isObsolete(delivery, episodesInWindow, deps.airings))) {
          // Past-due rows are the worker's to send late, skip or cancel; planning only changes the future.
          cancels.push(delivery.id);
        }
      }
      const moved = moves.length > 0 ? await deps.deliveries.movePending(moves, now) : 0;
      const cancelled = cancels.length > 0 ? await deps.deliveries.cancelPending(cancels, now) : 0;
      return { planned, moved, cancelled, nextDueAt: await deps.deliveries.nextDueAt() };
    },
  };
}

export type DeliveryPlanner = ReturnType<typeof createDeliveryPlanner>;

// A pending delivery nobody wants any more: its episode is in the planning window (so the set
// of wanted deliveries for it is complete) or its episode is gone or cancelled.
async function isObsolete(delivery: Delivery, episodesInWindow: Set<string>, airings: AiringsRepository): Promise<boolean> {
  if (episodesInWindow.has(`${delivery.mediaId}:${delivery.episode}`)) return true;
  const airing = await airings.get(delivery.mediaId, delivery.episode);
  return !airing || airing.cancelledAt !== null;
}
