// AniList-shaped test data: the records the fake serves, spelled as AniList spells them
// (times in Unix seconds), with plausible defaults so a test states only what it cares about.

export interface FakeExternalLink {
  id: number;
  site: string;
  url: string | null;
  type: 'INFO' | 'STREAMING' | 'SOCIAL' | null;
}

export interface FakeMedia {
  id: number;
  idMal: number | null;
  type: 'ANIME' | 'MANGA';
  title: { romaji: string | null; english: string | null; native: string | null };
  synonyms: string[];
  format: string | null;
  status: string | null;
  description: string | null;
  season: string | null;
  seasonYear: number | null;
  episodes: number | null;
  duration: number | null;
  countryOfOrigin: string | null;
  coverImage: { extraLarge: string | null; large: string | null; medium: string | null; color: string | null };
  bannerImage: string | null;
  genres: string[];
  averageScore: number | null;
  popularity: number;
  isAdult: boolean;
  siteUrl: string;
  externalLinks: FakeExternalLink[];
}

export interface FakeAiring {
  id: number;
  mediaId: number;
  episode: number;
  /** Unix seconds. */
  airingAt: number;
}

export type FakeListStatus = 'CURRENT' | 'PLANNING' | 'COMPLETED' | 'DROPPED' | 'PAUSED' | 'REPEATING';

/** Users' lists by user name: for each list status, the AniList ids on it in list order. */
export type FakeUserLists = Record<string, Partial<Record<FakeListStatus, readonly number[]>>>;

export function fakeMedia(id: number, overrides: Partial<FakeMedia> = {}): FakeMedia {
  const cover = `https://s4.anilist.co/file/anilistcdn/media/anime/cover/large/bx${id}.jpg`;
  return {
    id,
    idMal: id + 100_000,
    type: 'ANIME',
    title: { romaji: `Anime ${id}`, english: null, native: null },
    synonyms: [],
    format: 'TV',
    status: 'RELEASING',
    description: `Description of anime ${id}.<br>`,
    season: 'FALL',
    seasonYear: 2026,
    episodes: 12,
    duration: 24,
    countryOfOrigin: 'JP',
    coverImage: { extraLarge: cover.replace('/large/', '/extraLarge/'), large: cover, medium: cover.replace('/large/', '/medium/'), color: '#e4a15d' },
    bannerImage: null,
    genres: ['Action'],
    averageScore: 70,
    popularity: 1000,
    isAdult: false,
    siteUrl: `https://anilist.co/anime/${id}`,
    externalLinks: [],
    ...overrides,
  };
}

/** `count` weekly episodes of one anime, the first at `firstAiringAt` (Unix seconds). */
export function weeklyAirings(mediaId: number, firstAiringAt: number, count: number, firstEpisode = 1): FakeAiring[] {
  return Array.from({ length: count }, (_, index) => ({
    id: mediaId * 1000 + firstEpisode + index,
    mediaId,
    episode: firstEpisode + index,
    airingAt: firstAiringAt + index * 7 * 24 * 3600,
  }));
}
