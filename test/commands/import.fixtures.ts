// Lists for the /anime import tests: MyAnimeList entries and the AniList anime they map to.
import { fakeMedia, weeklyAirings, type FakeAiring, type FakeMedia } from '@anitrack/anilist-emulator';
import type { FakeMalEntry, MalListStatus } from '@anitrack/mal-emulator';

const DAY_S = 86_400;
const nowS = () => Math.floor(Date.now() / 1000);

/** What AniList says about one anime of a MyAnimeList list (absent: AniList does not know it). */
export type AniListSide = 'releasing' | 'upcoming' | 'finished' | 'adult' | 'missing';

export interface ImportFixture {
  entries: FakeMalEntry[];
  media: FakeMedia[];
  airings: FakeAiring[];
  /** AniList ids by what AniList says about them. */
  aniListIds: Record<AniListSide, number[]>;
}

/**
 * `sides[i]` says what AniList has for the i-th entry; `null` makes it an anime MyAnimeList
 * already shows as finished airing. MyAnimeList ids start at `malFrom`, AniList ids at `aniFrom`.
 */
export function malList(sides: readonly (AniListSide | null)[], options: { malFrom: number; aniFrom: number; listStatus: MalListStatus }): ImportFixture {
  const now = nowS();
  const fixture: ImportFixture = { entries: [], media: [], airings: [], aniListIds: { releasing: [], upcoming: [], finished: [], adult: [], missing: [] } };
  sides.forEach((side, index) => {
    const malId = options.malFrom + index;
    const aniId = options.aniFrom + index;
    fixture.entries.push({
      id: malId,
      title: `MAL title ${malId}`,
      status: side === null ? 'finished_airing' : side === 'upcoming' ? 'not_yet_aired' : 'currently_airing',
      listStatus: options.listStatus,
      score: 8,
      comments: 'my favourite show',
      updatedAt: '2021-07-04T12:34:56+00:00',
      numEpisodesWatched: 3,
    });
    if (side === null) return;
    fixture.aniListIds[side].push(aniId);
    if (side === 'missing') return;
    const status = side === 'upcoming' ? 'NOT_YET_RELEASED' : side === 'finished' ? 'FINISHED' : 'RELEASING';
    fixture.media.push(
      fakeMedia(aniId, { idMal: malId, status, isAdult: side === 'adult', title: { romaji: `Imported Anime ${aniId}`, english: null, native: null } }),
    );
    if (side === 'releasing' || side === 'adult') fixture.airings.push(...weeklyAirings(aniId, now + DAY_S + (index % 500) * 60, 2, 3));
    if (side === 'upcoming') fixture.airings.push(...weeklyAirings(aniId, now + 10 * DAY_S + index * 60, 2));
  });
  return fixture;
}
