// Turns airings and the servers' lists into deliveries, the outbox the worker sends from: for
// each episode and server, one delivery of every kind that is on for the server and still
// useful (kinds.ts decides both). Planning is idempotent (a unique key per server, episode and
// kind) and follows changes: a delayed episode or a changed setting moves pending deliveries;
// an anime removed or paused (by the server or its tier's limit), a channel removed, a reminder turned off or an episode cancelled
// cancels them.
import type { DeliveriesRepository, FollowerGroup, PlannedDelivery, AiringsRepository, TrackedAnimeRepository } from '../store/repositories.ts';
import { appliedTiming, type TierLookup } from './applied-timing.ts';
import { DELIVERY_KINDS, NOTIFICATION_KINDS } from './kinds.ts';

export interface PlannerDependencies {
  airings: AiringsRepository;
  trackedAnime: TrackedAnimeRepository;
  deliveries: DeliveriesRepository;
  /** Which servers' tiers allow a custom notification time (a delay after airing). */
  tiers: TierLookup;
  now(): number;
  /** How late a notification may still go out (CATCH_UP_HOURS). */
  catchUpMs: number;
  /** How far ahead to plan; the sync window's end. */
  aheadMs: number;
}

/** Which servers a plan is about: those whose list or settings changed; all of them when absent. */
export interface PlanScope {
  guildIds: readonly string[];
}

export interface PlanReport {
  planned: number;
  moved: number;
  cancelled: number;
  /** The earliest due time among pending deliveries, for the worker's timer. */
  nextDueAt: number | undefined;
}

const MINUTE = 60_000;
// What the delivery log says of a notification planning cancelled; which of these it was is not
// known here (the wanted set simply no longer holds it).
const NO_LONGER_WANTED = 'no longer wanted: the list, the channel, a setting or the episode’s schedule changed before it was due';
const groupOf = (delivery: Pick<PlannedDelivery, 'mediaId' | 'episode' | 'kind'>) => `${delivery.mediaId}:${delivery.episode}:${delivery.kind}`;

export function createDeliveryPlanner(deps: PlannerDependencies) {
  return {
    async plan(scope?: PlanScope): Promise<PlanReport> {
      const now = deps.now();
      const guildIds = scope?.guildIds;
      const airings = await deps.airings.listBetween(now - deps.catchUpMs - 1440 * MINUTE, now + deps.aheadMs);
      // Servers come in groups sharing the settings that time a notification, so a due time is
      // worked out once per group, not once per server.
      const followersByMedia = new Map<number, FollowerGroup[]>();
      for (const group of await deps.trackedAnime.followers([...new Set(airings.map((airing) => airing.mediaId))], guildIds)) {
        const groups = followersByMedia.get(group.mediaId);
        if (groups) groups.push(group);
        else followersByMedia.set(group.mediaId, [group]);
      }
      // Within a scope, the stored rows are that scope's too: what is left unwanted is theirs alone.
      const stored = new Map((await deps.deliveries.listForPlanning(airings, guildIds)).map((group) => [groupOf(group), group]));

      // Compare the wanted deliveries with the stored ones, so a plan that changes nothing writes
      // nothing. A wanted pending row is taken out of its group's map: what is left there at the
      // end is wanted by nobody.
      const toPlan: PlannedDelivery[] = [];
      const moves: { id: number; dueAt: number }[] = [];
      for (const airing of airings) {
        for (const kind of DELIVERY_KINDS) {
          const rules = NOTIFICATION_KINDS[kind];
          const storedGroup = stored.get(groupOf({ mediaId: airing.mediaId, episode: airing.episode, kind }));
          for (const followers of followersByMedia.get(airing.mediaId) ?? []) {
            const dueAt = rules.due(airing, appliedTiming(followers.timing, deps.tiers));
            if (dueAt === undefined || !rules.stillUseful({ airingAt: airing.airingAt, dueAt }, now, deps.catchUpMs)) continue;
            for (const guildId of followers.guildIds) {
              const pending = storedGroup?.pending.get(guildId);
              if (pending) {
                storedGroup!.pending.delete(guildId);
                if (pending.dueAt !== dueAt) moves.push({ id: pending.id, dueAt });
              } else if (storedGroup?.settled.get(guildId) !== false) {
                // New, or cancelled before anything went out and wanted again (plan revives it).
                toPlan.push({ guildId, mediaId: airing.mediaId, episode: airing.episode, kind, dueAt });
              }
            }
          }
        }
      }
      const planned = toPlan.length > 0 ? await deps.deliveries.plan(toPlan, now) : 0;

      const episodesInWindow = new Set(airings.map((airing) => `${airing.mediaId}:${airing.episode}`));
      const isObsolete = obsoleteCheck(episodesInWindow, deps.airings);
      const cancels: number[] = [];
      for (const group of stored.values()) {
        for (const pending of group.pending.values()) {
          // Past-due rows are the worker's to send late, skip or cancel; planning only changes the future.
          if (pending.dueAt > now && (await isObsolete(group))) cancels.push(pending.id);
        }
      }
      const moved = moves.length > 0 ? await deps.deliveries.movePending(moves, now) : 0;
      const cancelled = cancels.length > 0 ? await deps.deliveries.cancelPending(cancels, now, NO_LONGER_WANTED) : 0;
      return { planned, moved, cancelled, nextDueAt: await deps.deliveries.nextDueAt() };
    },
  };
}

export type DeliveryPlanner = ReturnType<typeof createDeliveryPlanner>;

// A pending delivery nobody wants any more: its episode is in the planning window (so the set
// of wanted deliveries for it is complete) or its episode is gone or cancelled. Each episode
// outside the window is looked up once, however many servers' deliveries it has.
function obsoleteCheck(episodesInWindow: Set<string>, airings: AiringsRepository): (episode: { mediaId: number; episode: number }) => Promise<boolean> {
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
