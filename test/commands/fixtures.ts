// AniList data the command tests use: one airing show, shows that cannot be added, and enough
// airing shows to fill a free server's list.
import { fakeMedia, weeklyAirings, type FakeAiring, type FakeMedia } from '@anitrack/anilist-emulator';

const nowS = () => Math.floor(Date.now() / 1000);
const DAY_S = 86_400;

export const FRIEREN = 101;
export const FINISHED = 102;
export const HIATUS = 103;
export const CANCELLED = 104;
export const FAR_FUTURE = 105;
export const FILLERS = Array.from({ length: 9 }, (_, index) => 110 + index);

export function commandFixtures(): { media: FakeMedia[]; airings: FakeAiring[] } {
  const now = nowS();
  const media = [
    fakeMedia(FRIEREN, {
      title: { romaji: 'Sousou no Frieren', english: "Frieren: Beyond Journey's End", native: '葬送のフリーレン' },
      episodes: 28,
      externalLinks: [{ id: 1, site: 'Crunchyroll', url: 'https://www.crunchyroll.com/series/frieren', type: 'STREAMING' }],
    }),
    fakeMedia(FINISHED, { title: { romaji: 'Owatta Anime', english: 'Finished Anime', native: null }, status: 'FINISHED' }),
    fakeMedia(HIATUS, { title: { romaji: 'Yasumi Anime', english: null, native: null }, status: 'HIATUS' }),
    fakeMedia(CANCELLED, { title: { romaji: 'Chuushi Anime', english: null, native: null }, status: 'CANCELLED' }),
    fakeMedia(FAR_FUTURE, { title: { romaji: 'Mirai Anime', english: null, native: null }, status: 'NOT_YET_RELEASED' }),
    ...FILLERS.map((id) => fakeMedia(id, { title: { romaji: `Filler Anime ${id}`, english: null, native: null } })),
  ];
  const airings = [
    ...weeklyAirings(FRIEREN, now + 2 * DAY_S, 4, 5),
    ...weeklyAirings(FAR_FUTURE, now + 90 * DAY_S, 2),
    ...FILLERS.flatMap((id) => weeklyAirings(id, now + DAY_S + id * 60, 2)),
  ];
  return { media, airings };
}
