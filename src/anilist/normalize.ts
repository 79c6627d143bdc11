// The edge where AniList's shapes become AniTrack's: AniList counts time in Unix seconds,
// everything behind this file counts epoch milliseconds.
import type { Airing, CatalogueEntry, Media, MediaStatus, StreamingLink } from '../domain/media.ts';
import type { AniListCatalogueMedia, AniListMedia } from './schemas.ts';

/** An episode's air time as the airing sync stores it. */
export type ScheduledAiring = Omit<Airing, 'cancelledAt'>;

/** An anime as fetched: what to store, and its next episode when AniList knows one. */
export interface FetchedAnime {
  media: Media;
  nextAiring: ScheduledAiring | null;
  /** Read back from our own store rather than fetched: there is nothing new in it to write. */
  fromStore?: true;
}

const MEDIA_STATUSES: ReadonlySet<string> = new Set<MediaStatus>(['FINISHED', 'RELEASING', 'NOT_YET_RELEASED', 'CANCELLED', 'HIATUS']);

export function secondsToMs(seconds: number): number {
  return seconds * 1000;
}

function mediaStatus(status: string | null): MediaStatus | null {
  return status !== null && MEDIA_STATUSES.has(status) ? (status as MediaStatus) : null;
}

export function normalizeMedia(raw: AniListMedia, fetchedAt: number): Media {
  return {
    id: raw.id,
    idMal: raw.idMal,
    title: { romaji: raw.title?.romaji ?? null, english: raw.title?.english ?? null, native: raw.title?.native ?? null },
    format: raw.format,
    status: mediaStatus(raw.status),
    episodes: raw.episodes,
    duration: raw.duration,
    season: raw.season,
    seasonYear: raw.seasonYear,
    description: raw.description,
    // extraLarge is missing on some older entries; large always exists when a cover does.
    coverImage: raw.coverImage?.extraLarge ?? raw.coverImage?.large ?? null,
    coverColor: raw.coverImage?.color ?? null,
    bannerImage: raw.bannerImage,
    siteUrl: raw.siteUrl,
    isAdult: raw.isAdult ?? false,
    genres: (raw.genres ?? []).filter((genre): genre is string => genre !== null),
    streamingLinks: streamingLinks(raw),
    fetchedAt,
  };
}

export function nextAiringOf(raw: AniListMedia): ScheduledAiring | null {
  const next = raw.nextAiringEpisode;
  if (!next) return null;
  return { mediaId: raw.id, episode: next.episode, anilistId: next.id, airingAt: secondsToMs(next.airingAt) };
}

export function normalizeAnime(raw: AniListMedia, fetchedAt: number): FetchedAnime {
  return { media: normalizeMedia(raw, fetchedAt), nextAiring: nextAiringOf(raw) };
}

export function normalizeAiring(raw: { id: number; airingAt: number; episode: number; mediaId: number }): ScheduledAiring {
  return { mediaId: raw.mediaId, episode: raw.episode, anilistId: raw.id, airingAt: secondsToMs(raw.airingAt) };
}

// AniList also lists INFO (official sites) and SOCIAL links; only where to watch is shown.
function streamingLinks(raw: AniListMedia): StreamingLink[] {
  const links: StreamingLink[] = [];
  for (const link of raw.externalLinks ?? []) {
    if (link?.type === 'STREAMING' && link.url) links.push({ site: link.site, url: link.url });
  }
  return links;
}

export function normalizeCatalogueEntry(raw: AniListCatalogueMedia): CatalogueEntry {
  const next = raw.nextAiringEpisode;
  return {
    mediaId: raw.id,
    title: { romaji: raw.title?.romaji ?? null, english: raw.title?.english ?? null, native: raw.title?.native ?? null },
    synonyms: (raw.synonyms ?? []).filter((synonym): synonym is string => Boolean(synonym)),
    format: raw.format,
    season: raw.season,
    seasonYear: raw.seasonYear,
    status: mediaStatus(raw.status),
    isAdult: raw.isAdult ?? false,
    popularity: raw.popularity ?? 0,
    coverImage: raw.coverImage?.large ?? null,
    nextEpisode: next ? { episode: next.episode, airingAt: secondsToMs(next.airingAt) } : null,
  };
}
