// Keeps `media` and `airings` current for every anime some server tracks. One pass asks AniList
// for the airings of ALL tracked anime in a window at once (about one request per 50 airings,
// each carrying its anime's details), then fetches details only for tracked anime that did not
// appear and are missing or older than a day. A delayed episode moves; an episode that vanished
// from AniList's schedule is marked cancelled rather than silently kept.
import type { AniListClient } from '../anilist/client.ts';
import type { FetchedAnime, ScheduledAiring } from '../anilist/normalize.ts';
import type { Logger } from '../logger.ts';
import { applyAnimeRetention, type RetentionReport } from '../privacy/anime-retention.ts';
import type { AiringsRepository, CatalogueRepository, DeliveriesRepository, MediaRepository, TrackedAnimeRepository } from '../store/repositories.ts';

/** What the sync needs from AniList. */
export type AiringSource = Pick<AniListClient, 'airingSchedules' | 'getAnimeByIds'>;

export interface AiringSyncDependencies {
  source: AiringSource;
  trackedAnime: TrackedAnimeRepository;
  media: MediaRepository;
  airings: AiringsRepository;
  deliveries: DeliveriesRepository;
  /** Only for retention: catalogue entries go by the same rules as the rest of AniList's data. */
  catalogue: CatalogueRepository;
  logger: Logger;
  now: () => number;
  windowBackMs: number;
  windowAheadMs: number;
  /** Details older than this are fetched again. */
  mediaMaxAgeMs: number;
}

export interface SyncReport {
  trackedAnime: number;
  airings: number;
  mediaFetched: number;
  cancelled: number;
  retention: RetentionReport;
}

export interface AiringSync {
  /** A full pass over every tracked anime. */
  syncAll(): Promise<SyncReport>;
  /** Right after an anime was added: its details and upcoming episodes, without waiting for the next pass. */
  syncAnime(mediaId: number): Promise<void>;
}

export function createAiringSync(deps: AiringSyncDependencies): AiringSync {
  const store = async (anime: readonly FetchedAnime[], airings: readonly ScheduledAiring[], now: number) => {
    // The sync's clock decides freshness, so a pass stamps what it stored with its own "now".
    await deps.media.upsertMany(anime.map((item) => ({ ...item.media, fetchedAt: now })));
    // An anime's next episode may lie beyond the window (a show on a break): keep it for "/anime when".
    const beyondWindow = anime.flatMap((item) => (item.nextAiring ? [item.nextAiring] : []));
    await deps.airings.upsertMany(dedupe([...airings, ...beyondWindow]), now);
  };

  const pass = async (mediaIds: readonly number[], now: number) => {
    const window = { mediaIds, from: now - deps.windowBackMs, to: now + deps.windowAheadMs };
    const { airings, anime } = await deps.source.airingSchedules(window);
    const seen = new Set(anime.map((item) => item.media.id));
    const stale = new Set(await deps.media.staleIds(now - deps.mediaMaxAgeMs));
    const cached = new Set(await deps.media.listIds());
    const toFetch = mediaIds.filter((id) => !seen.has(id) && (!cached.has(id) || stale.has(id)));
    const fetched = toFetch.length > 0 ? await deps.source.getAnimeByIds(toFetch, { lane: 'sync' }) : [];
    await store([...anime, ...fetched], airings, now);

    // Only future episodes can be judged missing: the past part of the window is history.
    const returned = new Set(airings.map(airingKey));
    const known = await deps.airings.listBetween(now, window.to, mediaIds);
    const vanished = known.filter((airing) => !returned.has(airingKey(airing)));
    if (vanished.length > 0) {
      await deps.airings.markCancelled(vanished, now);
      deps.logger.info({ episodes: vanished.map(airingKey) }, 'Episodes no longer on AniList’s schedule were marked cancelled');
    }
    return { airings: airings.length, mediaFetched: anime.length + fetched.length, cancelled: vanished.length };
  };

  return {
    async syncAll() {
      const now = deps.now();
      const mediaIds = await deps.trackedAnime.trackedMediaIds();
      const counts = mediaIds.length > 0 ? await pass(mediaIds, now) : { airings: 0, mediaFetched: 0, cancelled: 0 };
      const retention = await applyAnimeRetention({ ...deps, graceMs: deps.windowBackMs }, now);
      return { trackedAnime: mediaIds.length, ...counts, retention };
    },
    async syncAnime(mediaId) {
      await pass([mediaId], deps.now());
    },
  };
}

function airingKey(airing: { mediaId: number; episode: number }): string {
  return `${airing.mediaId}:${airing.episode}`;
}

function dedupe(airings: readonly ScheduledAiring[]): ScheduledAiring[] {
  return [...new Map(airings.map((airing) => [airingKey(airing), airing])).values()];
}
