// The check for one account spreading a list over many servers to stay under the limits: either
// whole lists (several of the servers where they added most of the anime are full), or members
// (the same anime added to several servers, each with as many subscribers as allowed). It only
// reports; the operator decides, because a big community may well run several servers.
import { PREMIUM_TIERS, type TierLimits, type TierTable } from '../domain/tiers.ts';
import type { Logger } from '../logger.ts';
import type { Repositories } from '../store/repositories.ts';

/** How many servers make a pattern worth a look. */
export const SPREAD_SERVERS = 3;

export interface SpreadSuspect {
  userId: string;
  /** Full servers where this account added at least half of the list. */
  fullLists: string[];
  /** Anime this account added to several servers, each at its subscriber limit. */
  sharedAnime: { mediaId: number; guildIds: string[] }[];
}

export async function findSpreadLists(repositories: Pick<Repositories, 'trackedAnime' | 'guilds'>, tiers: TierTable): Promise<SpreadSuspect[]> {
  const memberLimits = PREMIUM_TIERS.map((tier) => tiers[tier].maxMembersPerAnime).filter((limit): limit is number => limit !== null);
  const facts = await repositories.trackedAnime.spreadFacts(memberLimits.length > 0 ? Math.min(...memberLimits) : Number.MAX_SAFE_INTEGER);
  const guildIds = [...new Set([...facts.added, ...facts.crowded].map((row) => row.guildId))];
  const limits = new Map<string, TierLimits>((await repositories.guilds.getMany(guildIds)).map((guild) => [guild.guildId, tiers.limitsFor(guild)]));
  const limitsOf = (guildId: string) => limits.get(guildId) ?? tiers.limitsFor(undefined);

  const fullLists = new Map<string, string[]>();
  for (const { userId, guildId, added, listSize } of facts.added) {
    const { maxAnime } = limitsOf(guildId);
    if (maxAnime !== null && listSize >= maxAnime && added * 2 >= listSize) fullLists.set(userId, [...(fullLists.get(userId) ?? []), guildId]);
  }
  const atLimit = new Map<string, Map<number, string[]>>();
  for (const { userId, guildId, mediaId, subscribers } of facts.crowded) {
    const { maxMembersPerAnime } = limitsOf(guildId);
    if (maxMembersPerAnime === null || subscribers < maxMembersPerAnime) continue;
    const byAnime = atLimit.get(userId) ?? new Map<number, string[]>();
    byAnime.set(mediaId, [...(byAnime.get(mediaId) ?? []), guildId]);
    atLimit.set(userId, byAnime);
  }

  const suspects: SpreadSuspect[] = [];
  for (const userId of new Set([...fullLists.keys(), ...atLimit.keys()])) {
    const full = (fullLists.get(userId) ?? []).sort();
    const sharedAnime = [...(atLimit.get(userId) ?? [])]
      .filter(([, servers]) => servers.length >= SPREAD_SERVERS)
      .map(([mediaId, servers]) => ({ mediaId, guildIds: servers.sort() }))
      .sort((a, b) => a.mediaId - b.mediaId);
    if (full.length >= SPREAD_SERVERS || sharedAnime.length > 0) suspects.push({ userId, fullLists: full, sharedAnime });
  }
  return suspects.sort((a, b) => a.userId.localeCompare(b.userId));
}

/** The operator's lines about it, for `anitrack premium list` and the log. */
export function spreadListLines(suspects: readonly SpreadSuspect[]): string[] {
  if (suspects.length === 0) return ['No account looks like it spreads one list over several servers.'];
  const lines = [`Accounts that may spread one list over several servers (reported only; nothing was changed):`];
  for (const suspect of suspects) {
    if (suspect.fullLists.length >= SPREAD_SERVERS) {
      lines.push(`  user ${suspect.userId}: added most of ${suspect.fullLists.length} full lists (servers ${suspect.fullLists.join(', ')})`);
    }
    for (const anime of suspect.sharedAnime) {
      lines.push(
        `  user ${suspect.userId}: AniList ${anime.mediaId} on ${anime.guildIds.length} servers, each at its subscriber limit (${anime.guildIds.join(', ')})`,
      );
    }
  }
  return lines;
}

/**
 * Logs the check's findings every `everyMs` (not at start, where it would compete with catching up
 * on notifications), whenever they differ from the last.
 */
export function watchSpreadLists(deps: { repositories: Pick<Repositories, 'trackedAnime' | 'guilds'>; tiers: TierTable; logger: Logger; everyMs: number }) {
  let timer: NodeJS.Timeout | undefined;
  let lastReported = '';
  const check = async () => {
    const suspects = await findSpreadLists(deps.repositories, deps.tiers);
    const key = JSON.stringify(suspects);
    if (key === lastReported) return;
    lastReported = key;
    if (suspects.length > 0) deps.logger.warn({ suspects }, spreadListLines(suspects).join('\n'));
  };
  const run = () => void check().catch((error: unknown) => deps.logger.error({ err: error }, 'The check for lists spread over several servers failed'));
  return {
    start() {
      timer = setInterval(run, deps.everyMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
    },
  };
}
