// Lapse without loss: fits servers' lists to their tiers after anything that may have changed a
// tier or freed a slot (a grant made or taken back, a Patreon pledge, an anime removed, new
// limits at start-up). Nothing is deleted: the newest anime past a limit are paused by it, with
// their pending notifications cancelled, and resumed in the list's order when room returns.
import { OVER_LIMIT_REASON, PREMIUM_TIERS, type TierTable } from '../domain/tiers.ts';
import type { Logger } from '../logger.ts';
import type { ListLimitChange, Repositories } from '../store/repositories.ts';

export interface TierLimitDependencies {
  repositories: Pick<Repositories, 'guilds' | 'trackedAnime' | 'deliveries'>;
  tiers: TierTable;
  /** Plans a server's notifications again soon (a no-op in a process without a planner, such as the CLI). */
  planSoon(guildId: string): void;
  now(): number;
  logger?: Logger | undefined;
}

export interface GuildLimitChange extends ListLimitChange {
  guildId: string;
}

/**
 * Applies each server's list limit (`tiers.limitsFor`) to the servers in `guildIds`, or, when
 * omitted, to every server that may be affected: those holding more anime than the smallest
 * limit, and those with anime paused by a limit. Returns the servers where something changed.
 */
export async function enforceTierLimits(deps: TierLimitDependencies, guildIds?: readonly string[]): Promise<GuildLimitChange[]> {
  const { guilds, trackedAnime, deliveries } = deps.repositories;
  const targets = guildIds ?? (await trackedAnime.guildsOverOrPaused(smallestLimit(deps.tiers)));
  const changes: GuildLimitChange[] = [];
  for (const guildId of new Set(targets)) {
    const now = deps.now();
    const { maxAnime } = deps.tiers.limitsFor(await guilds.get(guildId));
    const change = await trackedAnime.applyListLimit(guildId, maxAnime, now);
    if (change.paused.length === 0 && change.resumed.length === 0) continue;
    // Planning would cancel them too, but only for episodes in its window and only where a planner runs.
    for (const mediaId of change.paused) await deliveries.cancelPendingForGuild(guildId, now, mediaId, OVER_LIMIT_REASON);
    deps.logger?.info({ guildId, maxAnime, paused: change.paused, resumed: change.resumed }, 'Fitted a server’s list to its tier');
    changes.push({ guildId, ...change });
  }
  for (const change of changes) deps.planSoon(change.guildId);
  return changes;
}

// Below this many anime no tier's limit can pause anything.
function smallestLimit(tiers: TierTable): number {
  const limits = PREMIUM_TIERS.map((tier) => tiers[tier].maxAnime).filter((limit) => limit !== null);
  return limits.length > 0 ? Math.min(...limits) : Number.MAX_SAFE_INTEGER;
}
