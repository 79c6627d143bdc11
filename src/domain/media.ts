// What AniTrack knows about an anime and its episodes, whichever service it came from (AniList
// today) and wherever it is kept.
export type TitleLanguage = 'romaji' | 'english' | 'native';

export type MediaStatus = 'FINISHED' | 'RELEASING' | 'NOT_YET_RELEASED' | 'CANCELLED' | 'HIATUS';

export interface StreamingLink {
  site: string;
  url: string;
}

export interface Media {
  id: number;
  idMal: number | null;
  title: { romaji: string | null; english: string | null; native: string | null };
  format: string | null;
  status: MediaStatus | null;
  episodes: number | null;
  duration: number | null;
  season: string | null;
  seasonYear: number | null;
  description: string | null;
  coverImage: string | null;
  coverColor: string | null;
  bannerImage: string | null;
  siteUrl: string | null;
  isAdult: boolean;
  genres: string[];
  streamingLinks: StreamingLink[];
  fetchedAt: number;
}

/** One episode's air time. `cancelledAt`: AniList stopped listing it (it may come back). */
export interface Airing {
  mediaId: number;
  episode: number;
  anilistId: number;
  airingAt: number;
  cancelledAt: number | null;
}

/** An anime members can pick from while typing: what it takes to find it and to tell it apart. */
export interface CatalogueEntry {
  mediaId: number;
  title: Media['title'];
  /** Other names AniList knows it by (abbreviations, other languages). */
  synonyms: string[];
  format: string | null;
  season: string | null;
  seasonYear: number | null;
  status: MediaStatus | null;
  isAdult: boolean;
  /** AniList's count of users with it on a list: the tie-breaker between equally good matches. */
  popularity: number;
  coverImage: string | null;
  nextEpisode: { episode: number; airingAt: number } | null;
}
