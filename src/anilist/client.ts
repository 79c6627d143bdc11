// The AniList client the rest of AniTrack uses: lookups and airing schedules in AniTrack's own
// types. Batching follows AniList's rules (at most 50 entries a page, follow `hasNextPage`);
// transport concerns (pacing, retries, outages) are in graphql-transport.ts.
import type { Logger } from '../logger.ts';
import { systemClock, type Clock } from './clock.ts';
import { AniListResponseError, AniListUserNotFoundError, AnimeNotFoundError } from './errors.ts';
import { createGraphQLTransport, type RetryOptions } from './graphql-transport.ts';
import type { CatalogueEntry } from '../domain/media.ts';
import type { TakeOptions } from './lanes.ts';
import { normalizeAiring, normalizeAnime, normalizeCatalogueEntry, type FetchedAnime, type ScheduledAiring } from './normalize.ts';
import { createOutageGate, type AniListStatus } from './outage.ts';
import type { Pacer } from './pacer.ts';
import {
  AIRING_SCHEDULES,
  ANIME_BY_ID,
  ANIME_BY_IDS,
  ANIME_BY_MAL_IDS,
  CATALOGUE_PAGE,
  MAX_PER_PAGE,
  SEARCH_ANIME,
  USER_ANIME_LIST,
  type GraphQLDocument,
} from './queries.ts';
import {
  airingSchedulesDataSchema,
  animeByIdDataSchema,
  animePageDataSchema,
  cataloguePageDataSchema,
  present,
  searchAnimeDataSchema,
  userAnimeListDataSchema,
} from './schemas.ts';
import { createTtlCache } from './ttl-cache.ts';

export interface AniListClientOptions {
  /** The ANILIST_API_URL setting. */
  url: string;
  /** The process's one pacer (see pacer.ts). */
  pacer: Pacer;
  clock?: Clock;
  logger?: Logger;
  /** Per request, body included. Default 10 s. */
  timeoutMs?: number;
  /** Default: 4 tries, back-off from 1 s up to 30 s. */
  retry?: Partial<RetryOptions>;
  /** How long calls fail fast after AniList says its API is disabled. Default 5 minutes. */
  outageBackoffMs?: number;
  /** Cache of submitted searches. Default 60 s, 500 searches. */
  searchCache?: { ttlMs?: number; maxEntries?: number };
  /** Source of retry jitter. */
  random?: () => number;
}

export interface AiringWindow {
  mediaIds: readonly number[];
  /** Epoch ms, exclusive. */
  from: number;
  /** Epoch ms, inclusive, like AiringsRepository.listBetween. */
  to: number;
}

export interface AiringWindowResult {
  airings: ScheduledAiring[];
  anime: FetchedAnime[];
}

/** A list a user keeps on AniList (AniList's MediaListStatus). */
export type AniListListStatus = 'CURRENT' | 'PLANNING' | 'COMPLETED' | 'DROPPED' | 'PAUSED' | 'REPEATING';

export interface AniListClientStats {
  /** HTTP requests sent to AniList, retries included. */
  requestsSent: number;
}

/**
 * Who asks, for the pacer's queue (lanes.ts): the lane, the server, and when the caller stops
 * waiting. Methods that only one part uses (the sync, the catalogue) pick their lane themselves.
 */
export type AniListRequest = TakeOptions;

export interface AniListClient {
  /** Up to 25 best matches; adult titles included, marked by `media.isAdult`. */
  searchAnime(text: string, request: AniListRequest): Promise<FetchedAnime[]>;
  /** @throws AnimeNotFoundError */
  getAnime(id: number, request: AniListRequest): Promise<FetchedAnime>;
  /** The anime that exist among `ids`; unknown ids are left out. */
  getAnimeByIds(ids: readonly number[], request: AniListRequest): Promise<FetchedAnime[]>;
  getAnimeByMalIds(malIds: readonly number[], request: AniListRequest): Promise<FetchedAnime[]>;
  /** The anime on a user's lists with one of `statuses`, each once, in list order. @throws AniListUserNotFoundError */
  getUserAnimeList(userName: string, statuses: readonly AniListListStatus[], request: AniListRequest): Promise<FetchedAnime[]>;
  /** Episodes of `mediaIds` airing in (from, to], earliest first, and the details of each anime among them once. In the sync lane. */
  airingSchedules(window: AiringWindow): Promise<AiringWindowResult>;
  /** Every anime airing or announced, in the catalogue lane (the lowest); `signal` gives up. */
  catalogue(signal?: AbortSignal): Promise<CatalogueEntry[]>;
  status(): AniListStatus;
  stats(): AniListClientStats;
}

// mediaId_in takes a list of any length, but a shorter one keeps each request (and the
// damage of one failed request) small.
const AIRING_IDS_PER_REQUEST = 500;
// A server that keeps saying "there is more" must not keep us paging forever.
const MAX_PAGES = 200;
// Airing times are GraphQL Int: 32-bit Unix seconds.
const MAX_INT = 2 ** 31 - 1;

export function createAniListClient(options: AniListClientOptions): AniListClient {
  const clock = options.clock ?? systemClock;
  const outage = createOutageGate(clock, options.outageBackoffMs ?? 5 * 60_000);
  const transport = createGraphQLTransport({
    url: options.url,
    pacer: options.pacer,
    clock,
    outage,
    timeoutMs: options.timeoutMs ?? 10_000,
    retry: { attempts: 4, baseDelayMs: 1000, maxDelayMs: 30_000, ...options.retry },
    logger: options.logger,
    ...(options.random && { random: options.random }),
  });
  // Promises are cached, so a second keystroke for the same text joins the request in flight.
  const searches = createTtlCache<Promise<FetchedAnime[]>>({
    ttlMs: options.searchCache?.ttlMs ?? 60_000,
    maxEntries: options.searchCache?.maxEntries ?? 500,
    clock,
  });

  async function animePages(document: GraphQLDocument, ids: readonly number[], request: AniListRequest): Promise<FetchedAnime[]> {
    const found: FetchedAnime[] = [];
    for (const group of chunk(unique(ids), MAX_PER_PAGE)) {
      await eachPage(async (page) => {
        const data = await transport.post(document, { ids: group, page }, animePageDataSchema, { request });
        const fetchedAt = clock.now();
        for (const media of present(data.Page.media)) found.push(normalizeAnime(media, fetchedAt));
        return data.Page.pageInfo.hasNextPage === true;
      });
    }
    return found;
  }

  return {
    searchAnime(text, request) {
      const key = text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
      if (!key) return Promise.resolve([]);
      const cached = searches.get(key);
      if (cached) return cached;
      const search = transport.post(SEARCH_ANIME, { search: key }, searchAnimeDataSchema, { request }).then((data) => {
        const fetchedAt = clock.now();
        return present(data.Page.media).map((media) => normalizeAnime(media, fetchedAt));
      });
      searches.set(key, search);
      search.catch(() => searches.delete(key));
      return search;
    },

    async getAnime(id, request) {
      const data = await transport.post(ANIME_BY_ID, { id }, animeByIdDataSchema, { request, notFound: () => new AnimeNotFoundError({ id }) });
      return normalizeAnime(data.Media, clock.now());
    },

    getAnimeByIds: (ids, request) => animePages(ANIME_BY_IDS, ids, request),
    getAnimeByMalIds: (malIds, request) => animePages(ANIME_BY_MAL_IDS, malIds, request),

    async getUserAnimeList(userName, statuses, request) {
      const data = await transport.post(USER_ANIME_LIST, { userName, statuses }, userAnimeListDataSchema, {
        request,
        notFound: () => new AniListUserNotFoundError(),
      });
      if (!data.MediaListCollection) throw new AniListUserNotFoundError();
      const fetchedAt = clock.now();
      const found = new Map<number, FetchedAnime>();
      for (const list of present(data.MediaListCollection.lists)) {
        for (const entry of present(list.entries)) {
          if (entry.media && !found.has(entry.media.id)) found.set(entry.media.id, normalizeAnime(entry.media, fetchedAt));
        }
      }
      return [...found.values()];
    },

    async airingSchedules({ mediaIds, from, to }) {
      if (!(from < to)) return { airings: [], anime: [] };
      // AniList compares strictly, in seconds: (from, to] in ms becomes (fromS, toS + 1) in s.
      const window = { from: clamp(Math.floor(from / 1000)), to: clamp(Math.floor(to / 1000) + 1) };
      const airings = new Map<number, ScheduledAiring>();
      const anime = new Map<number, FetchedAnime>();
      for (const group of chunk(unique(mediaIds), AIRING_IDS_PER_REQUEST)) {
        await eachPage(async (page) => {
          const data = await transport.post(AIRING_SCHEDULES, { ids: group, ...window, page }, airingSchedulesDataSchema, { request: { lane: 'sync' } });
          const fetchedAt = clock.now();
          for (const raw of present(data.Page.airingSchedules)) {
            const airing = normalizeAiring(raw);
            if (airing.airingAt > from && airing.airingAt <= to) airings.set(airing.anilistId, airing);
            if (raw.media && !anime.has(raw.media.id)) anime.set(raw.media.id, normalizeAnime(raw.media, fetchedAt));
          }
          return data.Page.pageInfo.hasNextPage === true;
        });
      }
      return {
        airings: [...airings.values()].sort((a, b) => a.airingAt - b.airingAt || a.mediaId - b.mediaId || a.episode - b.episode),
        anime: [...anime.values()],
      };
    },

    async catalogue(signal) {
      const entries = new Map<number, CatalogueEntry>();
      await eachPage(async (page) => {
        const data = await transport.post(CATALOGUE_PAGE, { page }, cataloguePageDataSchema, { request: { lane: 'catalogue', signal } });
        // An entry that moved between pages while we paged is kept once.
        for (const media of present(data.Page.media)) entries.set(media.id, normalizeCatalogueEntry(media));
        return data.Page.pageInfo.hasNextPage === true;
      });
      return [...entries.values()];
    },

    status: () => outage.status(),
    stats: () => ({ requestsSent: transport.requestsSent() }),
  };
}

async function eachPage(fetchPage: (page: number) => Promise<boolean>): Promise<void> {
  for (let page = 1; ; page++) {
    if (!(await fetchPage(page))) return;
    if (page >= MAX_PAGES) throw new AniListResponseError(200, [`still reporting hasNextPage after ${MAX_PAGES} pages`]);
  }
}

function unique(ids: readonly number[]): number[] {
  return [...new Set(ids)];
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

function clamp(seconds: number): number {
  return Math.max(0, Math.min(MAX_INT, seconds));
}
