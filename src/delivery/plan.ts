// Turns airings and the servers' lists into deliveries, the outbox the worker sends from: for
// each episode and server, one delivery of every kind that is on for the server and still
// useful (kinds.ts decides both). Planning is idempotent (a unique key per server, episode and
// kind) and follows changes: a delayed episode or a changed setting moves pending deliveries;
// an anime or channel removed, a reminder turned off or an episode cancelled cancels them.
import type {
  DeliveriesRepository,
  GuildSettings,
  PlanningRow,
  PlannedDelivery,
  AiringsRepository,
  GuildsRepository,
  TrackedAnimeRepository,
} from '../store/repositories.ts';
import { canNotify } from './can-notify.ts';
import { DELIVERY_KINDS, NOTIFICATION_KINDS } from './kinds.ts';

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
const groupOf = (delivery: Pick<PlannedDelivery, 'mediaId' | 'episode' | 'kind'>) => `${delivery.mediaId}:${delivery.episode}:${delivery.kind}`;

export function createDeliveryPlanner(deps: PlannerDependencies) {
  return {
    async plan(): Promise<PlanReport> {
      const now = deps.now();
      const airings = await deps.airings.listBetween(now - deps.catchUpMs - 1440 * MINUTE, now + deps.aheadMs);
      const trackers = await deps.trackedAnime.trackers([...new Set(airings.map((airing) => airing.mediaId))]);
      const guilds = new Map(
        (await deps.guilds.getMany([...new Set(trackers.map((tracker) => tracker.guildId))])).filter(canNotify).map((guild) => [guild.guildId, guild]),
      );
      const guildsByMedia = new Map<number, GuildSettings[]>();
      for (const tracker of trackers) {
        const guild = guilds.get(tracker.guildId);
        if (!guild) continue;
        const following = guildsByMedia.get(tracker.mediaId);
        if (following) following.push(guild);
        else guildsByMedia.set(tracker.mediaId, [guild]);
      }

      // What is stored, by episode and kind, then by server: 100,000 deliveries are a few groups.
      const stored = new Map<string, Map<string, PlanningRow>>();
      for (const row of await deps.deliveries.listForPlanning(airings)) {
        const group = groupOf(row);
        const byGuild = stored.get(group);
        if (byGuild) byGuild.set(row.guildId, row);
        else stored.set(group, new Map([[row.guildId, row]]));
      }

      // Compare the wanted deliveries with the stored ones, so a plan that changes nothing writes nothing.
      const toPlan: PlannedDelivery[] = [];
      const moves: { id: number; dueAt: number }[] = [];
      const wantedIds = new Set<number>();
      for (const airing of airings) {
        const following = guildsByMedia.get(airing.mediaId) ?? [];
        for (const kind of DELIVERY_KINDS) {
          const rules = NOTIFICATION_KINDS[kind];
          const byGuild = stored.get(groupOf({ mediaId: airing.mediaId, episode: airing.episode, kind }));
          for (const guild of following) {
            const dueAt = rules.due(airing, guild);
            if (dueAt === undefined || !rules.stillUseful({ airingAt: airing.airingAt, dueAt }, now, deps.catchUpMs)) continue;
            const row = byGuild?.get(guild.guildId);
            if (row?.pending) {
              wantedIds.add(row.pending.id);
              if (row.pending.dueAt !== dueAt) moves.push({ id: row.pending.id, dueAt });
            } else if (!row || row.revivable) {
              // New, or cancelled before anything went out and wanted again (plan revives it).
              toPlan.push({ guildId: guild.guildId, mediaId: airing.mediaId, episode: airing.episode, kind, dueAt });
            }
          }
        }
      }
      const planned = toPlan.length > 0 ? await deps.deliveries.plan(toPlan, now) : 0;

      const episodesInWindow = new Set(airings.map((airing) => `${airing.mediaId}:${airing.episode}`));
      const isObsolete = obsoleteCheck(episodesInWindow, deps.airings);
      const cancels: number[] = [];
      for (const byGuild of stored.values()) {
        for (const row of byGuild.values()) {
          if (!row.pending || wantedIds.has(row.pending.id)) continue;
          // Past-due rows are the worker's to send late, skip or cancel; planning only changes the future.
          if (row.pending.dueAt > now && (await isObsolete(row))) cancels.push(row.pending.id);
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
// of wanted deliveries for it is complete) or its episode is gone or cancelled. Each episode
// outside the window is looked up once, however many servers' deliveries it has.
function obsoleteCheck(episodesInWindow: Set<string>, airings: AiringsRepository): (delivery: PlanningRow) => Promise<boolean> {
  const gone = new Map<string, Promise<boolean>>();
  return (delivery) => {
    const episode = `${delivery.mediaId}:${delivery.episode}`;
    if (episodesInWindow.has(episode)) return Promise.resolve(true);
    let answer = gone.get(episode);
    if (!answer) {
      answer = airings.get(delivery.mediaId, delivery.episode).then((airing) => !airing || airing.cancelledAt !== null);
      gone.set(episode, answer);
    }
    return answer;
  };
}
