// An anime as the store holds it, with plausible values; a test states only what it cares about.
import type { Media } from '../../src/domain/media.ts';

export function testMedia(id: number, changes: Partial<Media> = {}): Media {
  return {
    id,
    idMal: null,
    title: { romaji: `Anime Romaji ${id}`, english: `Anime English ${id}`, native: null },
    format: 'TV',
    status: 'RELEASING',
    episodes: 12,
    duration: 24,
    season: 'FALL',
    seasonYear: 2026,
    description: null,
    coverImage: `https://s4.anilist.co/file/anilistcdn/media/anime/cover/large/bx${id}.jpg`,
    coverColor: '#3aa1e4',
    bannerImage: null,
    siteUrl: `https://anilist.co/anime/${id}`,
    isAdult: false,
    genres: [],
    streamingLinks: [],
    fetchedAt: 0,
    ...changes,
  };
}
