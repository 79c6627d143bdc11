// The client against the local AniList over real HTTP: what comes back is AniTrack's Media and
// airing times in milliseconds, and batches are split the way AniList requires.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnimeNotFoundError } from '../../src/anilist/errors.ts';
import { fakeMedia, type FakeAiring } from '@anitrack/anilist-emulator';
import { AS_COMMAND, startAniList, type AniListHarness } from '../support/anilist-harness.ts';

const NOW = 1_790_000_000; // Unix seconds, a Thursday in September 2026
const HOUR = 3600;

describe('AniList lookups', () => {
  let anilist: AniListHarness;
  beforeEach(async () => {
    anilist = await startAniList();
    anilist.fake.clock.set(NOW);
  });
  afterEach(() => anilist.close());

  it('turns an anime into AniTrack media, with times in milliseconds and only streaming links', async () => {
    anilist.fake.setMedia([
      fakeMedia(154587, {
        idMal: 52991,
        title: { romaji: 'Sousou no Frieren', english: "Frieren: Beyond Journey's End", native: '葬送のフリーレン' },
        episodes: 28,
        genres: ['Adventure', 'Drama'],
        bannerImage: 'https://s4.anilist.co/file/anilistcdn/media/anime/banner/154587.jpg',
        externalLinks: [
          { id: 1, site: 'Crunchyroll', url: 'https://www.crunchyroll.com/series/GG5H5XQX4', type: 'STREAMING' },
          { id: 2, site: 'Official Site', url: 'https://frieren-anime.jp/', type: 'INFO' },
          { id: 3, site: 'Twitter', url: 'https://twitter.com/Anime_Frieren', type: 'SOCIAL' },
        ],
      }),
    ]);
    anilist.fake.setAirings([
      { id: 900, mediaId: 154587, episode: 2, airingAt: NOW - HOUR },
      { id: 901, mediaId: 154587, episode: 3, airingAt: NOW + HOUR },
      { id: 902, mediaId: 154587, episode: 4, airingAt: NOW + 169 * HOUR },
    ]);

    const anime = await anilist.client.getAnime(154587, AS_COMMAND);

    expect(anime.nextAiring).toEqual({ mediaId: 154587, episode: 3, anilistId: 901, airingAt: (NOW + HOUR) * 1000 });
    expect(anime.media).toEqual({
      id: 154587,
      idMal: 52991,
      title: { romaji: 'Sousou no Frieren', english: "Frieren: Beyond Journey's End", native: '葬送のフリーレン' },
      format: 'TV',
      status: 'RELEASING',
      episodes: 28,
      duration: 24,
      season: 'FALL',
      seasonYear: 2026,
      description: 'Description of anime 154587.<br>',
      coverImage: 'https://s4.anilist.co/file/anilistcdn/media/anime/cover/extraLarge/bx154587.jpg',
      coverColor: '#e4a15d',
      bannerImage: 'https://s4.anilist.co/file/anilistcdn/media/anime/banner/154587.jpg',
      siteUrl: 'https://anilist.co/anime/154587',
      isAdult: false,
      genres: ['Adventure', 'Drama'],
      streamingLinks: [{ site: 'Crunchyroll', url: 'https://www.crunchyroll.com/series/GG5H5XQX4' }],
      fetchedAt: expect.any(Number),
    });
    expect(Math.abs(anime.media.fetchedAt - Date.now())).toBeLessThan(5000);
    expect(anilist.fake.requests).toEqual([
      { operationName: 'AnimeById', variables: { id: 154587 }, contentType: 'application/json', accept: 'application/json', status: 200 },
    ]);
  });

  it('reports an unknown id, or a manga id, as no such anime without retrying', async () => {
    anilist.fake.setMedia([fakeMedia(1), fakeMedia(2, { type: 'MANGA' })]);
    await expect(anilist.client.getAnime(999, AS_COMMAND)).rejects.toThrow(AnimeNotFoundError);
    await expect(anilist.client.getAnime(2, AS_COMMAND)).rejects.toThrow('No such anime on AniList.');
    expect(anilist.fake.requests.map((request) => request.status)).toEqual([404, 404]);
  });

  it('searches by any title, best match first, marks adult titles, and caches repeated text', async () => {
    anilist.fake.setMedia([
      fakeMedia(10, { title: { romaji: 'Frieren no Mahou', english: null, native: null }, popularity: 10 }),
      fakeMedia(11, { title: { romaji: 'Sousou no Frieren', english: 'Frieren', native: null }, popularity: 500 }),
      fakeMedia(12, { title: { romaji: 'Frieren Adult Parody', english: null, native: null }, isAdult: true, popularity: 5 }),
      fakeMedia(13, { title: { romaji: 'One Piece', english: null, native: null } }),
      fakeMedia(14, { title: { romaji: 'Frieren', english: null, native: null }, type: 'MANGA' }),
    ]);

    const results = await anilist.client.searchAnime('  FRIEREN ', AS_COMMAND);
    expect(results.map(({ media }) => [media.id, media.isAdult])).toEqual([
      [11, false],
      [10, false],
      [12, true],
    ]);

    await anilist.client.searchAnime('frieren', AS_COMMAND);
    await Promise.all([anilist.client.searchAnime('Frieren', AS_COMMAND), anilist.client.searchAnime('frieren  ', AS_COMMAND)]);
    expect(await anilist.client.searchAnime('   ', AS_COMMAND)).toEqual([]);
    expect(anilist.fake.requests).toMatchObject([{ operationName: 'SearchAnime', variables: { search: 'frieren' } }]);
  });

  it('fetches many ids 50 to a request and leaves unknown ids out', async () => {
    anilist.fake.setMedia(Array.from({ length: 110 }, (_, index) => fakeMedia(index + 1)));
    const ids = [...Array.from({ length: 120 }, (_, index) => index + 1), 5, 6];

    const found = await anilist.client.getAnimeByIds(ids, AS_COMMAND);

    expect(found.map(({ media }) => media.id)).toEqual(Array.from({ length: 110 }, (_, index) => index + 1));
    const batches = anilist.fake.requests.map((request) => (request.variables.ids as number[]).length);
    expect(batches).toEqual([50, 50, 20]);
    expect(anilist.fake.requests.every((request) => request.operationName === 'AnimeByIds' && request.status === 200)).toBe(true);
    expect(await anilist.client.getAnimeByIds([], AS_COMMAND)).toEqual([]);
    expect(anilist.fake.counts().received).toBe(3);
  });

  it('finds anime by MyAnimeList id, never a manga with the same MAL id', async () => {
    anilist.fake.setMedia([
      fakeMedia(21, { idMal: 21 }),
      fakeMedia(30013, { idMal: 21, type: 'MANGA' }),
      fakeMedia(16498, { idMal: 16498 }),
      fakeMedia(7, { idMal: null }),
    ]);
    const found = await anilist.client.getAnimeByMalIds([21, 16498, 99999], AS_COMMAND);
    expect(found.map(({ media }) => [media.id, media.idMal])).toEqual([
      [21, 21],
      [16498, 16498],
    ]);
    expect(anilist.fake.requests).toMatchObject([{ operationName: 'AnimeByMalIds', variables: { ids: [21, 16498, 99999], page: 1 }, status: 200 }]);
  });

  it('collects the airing schedule of a window across pages, in milliseconds, earliest first', async () => {
    anilist.fake.setMedia([fakeMedia(1), fakeMedia(2), fakeMedia(3)]);
    const from = NOW;
    const to = NOW + 7 * 24 * HOUR;
    const airings: FakeAiring[] = [
      { id: 1, mediaId: 1, episode: 1, airingAt: from }, // at `from`: outside (from, to]
      { id: 2, mediaId: 2, episode: 1, airingAt: to }, // at `to`: inside
      { id: 3, mediaId: 3, episode: 1, airingAt: to + 1 },
      { id: 4, mediaId: 99, episode: 1, airingAt: from + HOUR }, // an anime nobody asked for
    ];
    for (let index = 0; index < 60; index++) {
      airings.push({ id: 100 + index, mediaId: (index % 3) + 1, episode: 2 + Math.floor(index / 3), airingAt: to - (index + 1) * HOUR });
    }
    anilist.fake.setAirings(airings);
    // 600 ids: 1, 2, 3 and 597 that have nothing airing, so two requests' worth of ids.
    const mediaIds = [1, 2, 3, ...Array.from({ length: 597 }, (_, index) => 1000 + index)];

    const { airings: schedule, anime } = await anilist.client.airingSchedules({ mediaIds, from: from * 1000, to: to * 1000 });

    expect(schedule).toHaveLength(61);
    expect(schedule[0]).toEqual({ mediaId: 3, episode: 21, anilistId: 159, airingAt: (to - 60 * HOUR) * 1000 });
    expect(schedule.at(-1)).toEqual({ mediaId: 2, episode: 1, anilistId: 2, airingAt: to * 1000 });
    // Each anime's details come along once, for the anime that air in the window.
    expect(anime.map((item) => item.media.id).sort()).toEqual([1, 2, 3]);
    expect(anime.find((item) => item.media.id === 2)?.media.siteUrl).toBe('https://anilist.co/anime/2');
    const times = schedule.map((airing) => airing.airingAt);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(anilist.fake.requests.map((request) => [(request.variables.ids as number[]).length, request.variables.page])).toEqual([
      [500, 1],
      [500, 2],
      [100, 1],
    ]);
  });
});
