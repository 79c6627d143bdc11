// Turns airings and the servers' lists into deliveries, the outbox the worker sends from: for
// each episode and server, one delivery of every kind that is on for the server and still
// useful (kinds.ts decides both). Planning is idempotent (a unique key per server, episode and
// kind) and follows changes: a delayed episode or a changed setting moves pending deliveries;
// an anime removed or paused (by the server or its tier's limit), a channel removed, a reminder turned off or an episode cancelled
// cancels them.
import type { Airing } from '../domain/media.ts';
import type {
  DeliveriesRepository,
  FollowerGroup,
  PendingBatch,
  PlannedDelivery,
  PlanningKey,
  AiringsRepository,
  TrackedAnimeRepository,
} from '../store/repositories.ts';
import { appliedTiming, type TierLookup } from './applied-timing.ts';
import { DELIVERY_KINDS, NOTIFICATION_KINDS, type NotificationKind } from './kinds.ts';

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
const keyOf = (key: PlanningKey) => `${key.mediaId}:${key.episode}:${key.kind}`;

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
      const pendingByKey = new Map<string, PendingBatch[]>();
      for (const batch of await deps.deliveries.listPendingForPlanning(guildIds)) {
        const batches = pendingByKey.get(keyOf(batch));
        if (batches) batches.push(batch);
        else pendingByKey.set(keyOf(batch), [batch]);
      }

      // Compare the wanted deliveries with the stored ones, so a plan that changes nothing writes
      // nothing. An episode and kind whose pending batches hold exactly the wanted servers at
      // the wanted times is settled at once; only the others are compared server by server.
      const changed: Changed[] = [];
      for (const airing of airings) {
        for (const kind of DELIVERY_KINDS) {
          const key = { mediaId: airing.mediaId, episode: airing.episode, kind };
          const wanted = wantedByDueAt(airing, NOTIFICATION_KINDS[kind], followersByMedia.get(airing.mediaId) ?? [], now, deps);
          const batches = pendingByKey.get(keyOf(key)) ?? [];
          pendingByKey.delete(keyOf(key));
          if (!alreadyPlanned(wanted, batches)) changed.push({ key, wanted, batches });
        }
      }
      const settledByKey = new Map<string, Map<string, boolean>>();
      if (changed.length > 0) {
        for (const group of await deps.deliveries.listSettledForPlanning(
          changed.map(({ key }) => key),
          guildIds,
        ))
          settledByKey.set(keyOf(group), group.settled);
      }

      const toPlan: PlannedDelivery[] = [];
      const moves: { id: number; dueAt: number }[] = [];
      const cancels: number[] = [];
      for (const { key, wanted, batches } of changed) {
        const pending = new Map(batches.flatMap((batch) => batch.rows().map((row) => [row.guildId, { id: row.id, dueAt: batch.dueAt }] as const)));
        const settled = settledByKey.get(keyOf(key));
        for (const [dueAt, lists] of wanted) {
          for (const guildIds of lists) {
            for (const guildId of guildIds) {
              const row = pending.get(guildId);
              if (row) {
                pending.delete(guildId);
                if (row.dueAt !== dueAt) moves.push({ id: row.id, dueAt });
              } else if (settled?.get(guildId) !== false) {
                // New, or cancelled before anything went out and wanted again (plan revives it).
                // Written out, not spread from `key`: the insert reads 100,000 of these, and
                // spread objects made a first plan a third slower.
                toPlan.push({ guildId, mediaId: key.mediaId, episode: key.episode, kind: key.kind, dueAt });
              }
            }
          }
        }
        // What is left is wanted by nobody. Past-due rows are the worker's to send late, skip or
        // cancel; planning only changes the future.
        for (const row of pending.values()) if (row.dueAt > now) cancels.push(row.id);
      }
      const planned = toPlan.length > 0 ? await deps.deliveries.plan(toPlan, now) : 0;

      // Pending rows of episodes and kinds this pass did not go through.
      const isObsolete = obsoleteCheck(new Set(airings.map((airing) => `${airing.mediaId}:${airing.episode}`)), deps.airings);
      for (const batches of pendingByKey.values()) {
        for (const batch of batches) {
          if (batch.dueAt > now && (await isObsolete(batch))) for (const row of batch.rows()) cancels.push(row.id);
        }
      }
      const moved = moves.length > 0 ? await deps.deliveries.movePending(moves, now) : 0;
      const cancelled = cancels.length > 0 ? await deps.deliveries.cancelPending(cancels, now, NO_LONGER_WANTED) : 0;
      return { planned, moved, cancelled, nextDueAt: await deps.deliveries.nextDueAt() };
    },
  };
}

export type DeliveryPlanner = ReturnType<typeof createDeliveryPlanner>;

interface Changed {
  key: PlanningKey;
  /** The servers wanted at each due time, in lists of servers sharing their timing settings. */
  wanted: Map<number, string[][]>;
  batches: PendingBatch[];
}

function wantedByDueAt(
  airing: Airing,
  rules: NotificationKind,
  followers: readonly FollowerGroup[],
  now: number,
  deps: Pick<PlannerDependencies, 'tiers' | 'catchUpMs'>,
): Map<number, string[][]> {
  const wanted = new Map<number, string[][]>();
  for (const group of followers) {
    const dueAt = rules.due(airing, appliedTiming(group.timing, deps.tiers));
    if (dueAt === undefined || !rules.stillUseful({ airingAt: airing.airingAt, dueAt }, now, deps.catchUpMs)) continue;
    const lists = wanted.get(dueAt);
    if (lists) lists.push(group.guildIds);
    else wanted.set(dueAt, [group.guildIds]);
  }
  return wanted;
}

// Followers come in code-unit order of server ids, as the store joins them, split by timing;
// merged back by sorting. (Should a store's order ever differ, the comparison only fails and the
// episode is compared server by server.)
const inStoreOrder = (lists: string[][]) => (lists.length === 1 ? lists[0]! : lists.flat().sort());

function alreadyPlanned(wanted: Map<number, string[][]>, batches: readonly PendingBatch[]): boolean {
  if (wanted.size !== batches.length) return false;
  return batches.every((batch) => {
    const lists = wanted.get(batch.dueAt);
    return lists !== undefined && batch.hasServers(inStoreOrder(lists));
  });
}

// A pending delivery nobody wants any more: its episode is in the planning window (so the set
// of wanted deliveries for it is complete) or its episode is gone or cancelled. Each episode
// outside the window is looked up once, however many batches it has.
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
