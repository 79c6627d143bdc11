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
