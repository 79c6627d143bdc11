// A user's list for /anime import through MediaListCollection, against the local AniList (which
// validates the query against AniList's full schema).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AniListUserNotFoundError } from '../../src/anilist/errors.ts';
import { fakeMedia } from '@anitrack/anilist-emulator';
import { AS_COMMAND, startAniList, type AniListHarness } from '../support/anilist-harness.ts';

describe("an AniList user's anime list", () => {
  let anilist: AniListHarness;
  beforeEach(async () => {
    anilist = await startAniList();
    anilist.fake.setMedia([1, 2, 3, 4, 5].map((id) => fakeMedia(id, { status: id === 4 ? 'FINISHED' : 'RELEASING' })));
    anilist.fake.setUserLists({ Yuki: { CURRENT: [3, 1], REPEATING: [4, 1], PLANNING: [2], COMPLETED: [5] } });
  });
  afterEach(() => anilist.close());

  it('returns the anime on the asked lists once each, in list order, in one request', async () => {
    const watching = await anilist.client.getUserAnimeList('yuki', ['CURRENT', 'REPEATING'], AS_COMMAND);
    expect(watching.map((anime) => [anime.media.id, anime.media.status])).toEqual([
      [3, 'RELEASING'],
      [1, 'RELEASING'],
      [4, 'FINISHED'],
    ]);
    expect((await anilist.client.getUserAnimeList('Yuki', ['PLANNING'], AS_COMMAND)).map((anime) => anime.media.id)).toEqual([2]);
    expect(anilist.fake.requests.map((request) => [request.operationName, request.status, request.variables])).toEqual([
      ['UserAnimeList', 200, { userName: 'yuki', statuses: ['CURRENT', 'REPEATING'] }],
      ['UserAnimeList', 200, { userName: 'Yuki', statuses: ['PLANNING'] }],
    ]);
  });

  it('turns the 404 for an unknown (or private) user into a typed error without the name', async () => {
    const error = await anilist.client.getUserAnimeList('nobody', ['CURRENT'], AS_COMMAND).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AniListUserNotFoundError);
    expect((error as Error).message).not.toContain('nobody');
    expect(anilist.fake.requests.map((request) => request.status)).toEqual([404]);
  });

  it('answers an existing user with nothing on those lists with no anime', async () => {
    expect(await anilist.client.getUserAnimeList('Yuki', ['DROPPED'], AS_COMMAND)).toEqual([]);
  });
});
