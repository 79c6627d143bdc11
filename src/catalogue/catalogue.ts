// The local catalogue of anime a member could add, and its search. The table is shared by every
// process on the database; each process searches its own in-memory index of it, reloaded when
// the table changes. Refreshing from AniList happens when the table is older than the refresh
// interval, in the AniList budget's lowest lane, so it never delays the sync or a command.
import type { AniListClient } from '../anilist/client.ts';
import { backoffDelay } from '../domain/backoff.ts';
import type { CatalogueEntry, Media } from '../domain/media.ts';
import type { Logger } from '../logger.ts';
import type { CatalogueVersion, Repositories } from '../store/repositories.ts';
import { buildCatalogueIndex, type CatalogueIndex } from './search-index.ts';

export interface CatalogueOptions {
  source: Pick<AniListClient, 'catalogue'>;
  repositories: Pick<Repositories, 'catalogue' | 'trackedAnime' | 'media'>;
  logger: Logger;
  now(): number;
  /** The CATALOGUE_REFRESH_MINUTES setting. */
  refreshEveryMs: number;
  /** How often to look whether the table changed (another process refreshed it). Default 30 s. */
  checkEveryMs?: number;
  /** Whether this process refreshes a stale table (the one running the scheduler); default yes. */
  refreshesHere?: () => boolean;
}

export interface RefreshReport {
  entries: number;
  removed: number;
}

/** What commands need: search, answered from memory. */
export interface CatalogueSearch {
  /** Anime members may add (adult titles are never offered), best match first. */
  search(text: string, limit: number): CatalogueEntry[];
  /** The anime a member meant by text typed in full: one whose name is exactly that text. */
  closeMatch(text: string): CatalogueEntry | undefined;
}

export interface Catalogue extends CatalogueSearch {
  /** Entries in the in-memory index. */
  size(): number;
  /** Fetches the list from AniList and rewrites the table, then the index. */
  refresh(): Promise<RefreshReport>;
  /** Loads the index from the table, then refreshes in the background if the table is stale. */
  start(): Promise<void>;
  /** Resolves when the refresh or reload under way (if any) has finished. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export function createCatalogue(options: CatalogueOptions): Catalogue {
  const { repositories, logger, now } = options;
  let index: CatalogueIndex = buildCatalogueIndex([]);
  let loaded: CatalogueVersion | undefined;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  // After a refresh this process tried, the next try waits: a whole interval after one that
  // worked (even if AniList listed nothing), a growing pause after failures.
  let nextTryAt = 0;
  let failures = 0;
  // Stopping drops the refresh's requests still queued for AniList instead of waiting minutes.
  const stopping = new AbortController();

  async function load(): Promise<void> {
    const version = await repositories.catalogue.version();
    const entries = await repositories.catalogue.all();
    index = buildCatalogueIndex(entries.filter((entry) => !entry.isAdult));
    loaded = version;
  }

  async function refresh(): Promise<RefreshReport> {
    const fetched = await options.source.catalogue(stopping.signal);
    const fetchedIds = new Set(fetched.map((entry) => entry.mediaId));
    const trackedIds = (await repositories.trackedAnime.trackedMediaIds()).filter((id) => !fetchedIds.has(id));
    const tracked = (await repositories.media.getMany(trackedIds)).map(entryFromMedia);
    const report = await repositories.catalogue.replace(fetched, tracked, now());
    logger.info(report, 'Refreshed the anime catalogue from AniList');
    await load();
    return report;
  }

  async function refreshWithBackoff(): Promise<void> {
    try {
      await refresh();
      failures = 0;
      nextTryAt = now() + options.refreshEveryMs;
    } catch (error) {
      failures++;
      nextTryAt = now() + backoffDelay(failures, { baseDelayMs: 60_000, maxDelayMs: options.refreshEveryMs });
      throw error;
    }
  }

  // One check at a time: a slow refresh is not started again by the next tick.
  function check(): Promise<void> {
    running ??= (async () => {
      try {
        const version = await repositories.catalogue.version();
        const stale = version.refreshedAt === null || version.refreshedAt <= now() - options.refreshEveryMs;
        if (stale && now() >= nextTryAt && (options.refreshesHere?.() ?? true)) await refreshWithBackoff();
        else if (!loaded || version.entries !== loaded.entries || version.refreshedAt !== loaded.refreshedAt) await load();
      } catch (error) {
        if (stopping.signal.aborted) logger.debug('Stopped refreshing the anime catalogue');
        else logger.warn({ err: error }, 'Could not refresh the anime catalogue; suggestions use the copy already kept');
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  return {
    search: (text, limit) => index.search(text, limit),
    closeMatch: (text) => index.closeMatch(text),
    size: () => index.size,
    refresh,
    async start() {
      await load();
      void check();
      timer = setInterval(() => void check(), options.checkEveryMs ?? 30_000);
      timer.unref();
    },
    settled: async () => {
      await running;
    },
    async stop() {
      clearInterval(timer);
      stopping.abort();
      await running;
    },
  };
}

/** An anime a server tracks that AniList's list no longer holds (on hiatus, say) stays findable. */
function entryFromMedia(media: Media): CatalogueEntry {
  return {
    mediaId: media.id,
    title: media.title,
    synonyms: [],
    format: media.format,
    season: media.season,
    seasonYear: media.seasonYear,
    status: media.status,
    isAdult: media.isAdult,
    popularity: 0,
    coverImage: media.coverImage,
    nextEpisode: null,
  };
}
