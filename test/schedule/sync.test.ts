import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { createAiringSync, type AiringSync } from '../../src/schedule/sync.ts';
import { fakeMedia, weeklyAirings, type FakeAiring } from '@anitrack/anilist-emulator';
import { startAniList, type AniListHarness } from '../support/anilist-harness.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/stores.ts';

const GUILD = '100000000000000001';
const OTHER_GUILD = '100000000000000002';
const NOW_S = Math.floor(Date.UTC(2026, 10, 26, 12) / 1000);
const HOUR_S = 3600;
const DAY_S = 24 * HOUR_S;

describe.each(DIALECTS)('airing sync on %s', (dialect) => {
  let store: TestStore;
  let anilist: AniListHarness;
  let sync: AiringSync;

  beforeEach(async () => {
    store = await createTestStore(dialect);
    anilist = await startAniList();
    anilist.fake.clock.set(NOW_S);
    const { trackedAnime, media, airings, deliveries, catalogue } = store.repositories;
    sync = createAiringSync({
      source: anilist.client,
      trackedAnime,
      media,
      airings,
      deliveries,
      catalogue,
      logger: createLogger({ level: 'silent' }),
      now: () => anilist.fake.clock.now() * 1000,
      windowBackMs: 6 * HOUR_S * 1000,
      windowAheadMs: 7 * DAY_S * 1000,
      mediaMaxAgeMs: DAY_S * 1000,
    });
  });
  afterEach(async () => {
    await anilist.close();
    await store.dispose();
  });

  const track = async (mediaId: number, guildId = GUILD) =>
    store.repositories.trackedAnime.add({ guildId, mediaId, nickname: `anime ${mediaId}`, addedBy: '1', now: NOW_S * 1000, maxPerGuild: null });
  const airingTimes = async (mediaId: number) =>
    (await store.repositories.airings.listBetween(0, Number.MAX_SAFE_INTEGER, [mediaId])).map((airing) => [airing.episode, airing.airingAt / 1000]);

  it('syncs 200 tracked anime with 300 airings in the window in at most 7 requests', async () => {
    const ids = Array.from({ length: 200 }, (_, index) => index + 1);
    anilist.fake.setMedia(ids.map((id) => fakeMedia(id)));
    const airings: FakeAiring[] = [];
    for (const id of ids) {
      // 100 anime air twice in the window, 100 once; each also has an episode next month.
      const count = id <= 100 ? 2 : 1;
      for (let episode = 1; episode <= count; episode++) {
        airings.push({ id: id * 100 + episode, mediaId: id, episode, airingAt: NOW_S + (id % 100) * HOUR_S + (episode - 1) * DAY_S });
      }
      airings.push({ id: id * 100 + 9, mediaId: id, episode: 9, airingAt: NOW_S + 30 * DAY_S });
    }
    anilist.fake.setAirings(airings);
    for (const id of ids) await track(id, id % 2 === 0 ? GUILD : OTHER_GUILD);

    const report = await sync.syncAll();

    expect(anilist.fake.counts().received).toBeLessThanOrEqual(7);
    expect(report).toMatchObject({ trackedAnime: 200, airings: 300, mediaFetched: 200, cancelled: 0 });
    expect((await store.repositories.media.listIds()).length).toBe(200);
    const inWindow = await store.repositories.airings.listBetween(NOW_S * 1000 - 6 * HOUR_S * 1000, (NOW_S + 7 * DAY_S) * 1000);
    expect(inWindow).toHaveLength(300);
    expect(await store.repositories.media.get(7)).toMatchObject({
      title: { romaji: 'Anime 7' },
      siteUrl: 'https://anilist.co/anime/7',
      fetchedAt: NOW_S * 1000,
    });
  });

  it('moves a delayed episode and marks a vanished one cancelled', async () => {
    anilist.fake.setMedia([fakeMedia(1)]);
    anilist.fake.setAirings(weeklyAirings(1, NOW_S + DAY_S, 3));
    await track(1);
    await sync.syncAll();
    expect(await airingTimes(1)).toEqual([[1, NOW_S + DAY_S]]);

    // Episode 1 slips by a week; episode 2 then vanishes from the schedule.
    anilist.fake.setAirings([{ id: 1001, mediaId: 1, episode: 1, airingAt: NOW_S + 2 * DAY_S }]);
    await sync.syncAll();
    expect(await airingTimes(1)).toEqual([[1, NOW_S + 2 * DAY_S]]);

    anilist.fake.setAirings([{ id: 1002, mediaId: 1, episode: 2, airingAt: NOW_S + 3 * DAY_S }]);
    await sync.syncAll();
    expect(await airingTimes(1)).toEqual([[2, NOW_S + 3 * DAY_S]]);
    expect((await store.repositories.airings.get(1, 1))?.cancelledAt).toBe(NOW_S * 1000);
  });

  it('fetches details of anime with nothing airing soon, once a day, and keeps their next episode', async () => {
    anilist.fake.setMedia([fakeMedia(5, { status: 'NOT_YET_RELEASED' })]);
    anilist.fake.setAirings([{ id: 501, mediaId: 5, episode: 1, airingAt: NOW_S + 40 * DAY_S }]);
    await track(5);
    await sync.syncAll();
    expect(anilist.sent('AnimeByIds')).toBe(1);
    expect(await airingTimes(5)).toEqual([[1, NOW_S + 40 * DAY_S]]);

    anilist.fake.clock.advance(12 * HOUR_S);
    await sync.syncAll();
    expect(anilist.sent('AnimeByIds')).toBe(1);

    anilist.fake.clock.advance(13 * HOUR_S);
    await sync.syncAll();
    expect(anilist.sent('AnimeByIds')).toBe(2);
  });

  it('syncs a just-added anime on its own in two requests at most', async () => {
    anilist.fake.setMedia([fakeMedia(8), fakeMedia(9)]);
    anilist.fake.setAirings([...weeklyAirings(8, NOW_S + HOUR_S, 2), ...weeklyAirings(9, NOW_S + HOUR_S, 2)]);
    await track(8);
    await sync.syncAnime(8);
    expect(anilist.fake.counts().received).toBeLessThanOrEqual(2);
    expect(await airingTimes(8)).toEqual([[1, NOW_S + HOUR_S]]);
    expect(await store.repositories.media.get(9)).toBeUndefined();
  });

  it("deletes a finished anime's data after its last notification went out, and marks it finished on each list", async () => {
    anilist.fake.setMedia([fakeMedia(3, { episodes: 2 }), fakeMedia(4)]);
    anilist.fake.setAirings([...weeklyAirings(3, NOW_S + HOUR_S, 2), ...weeklyAirings(4, NOW_S + HOUR_S, 10)]);
    await track(3);
    await track(3, OTHER_GUILD);
    await track(4);
    await sync.syncAll();

    // The finale airs, AniList marks the show finished, and its notification is still pending.
    anilist.fake.clock.advance(8 * DAY_S);
    anilist.fake.setMedia([fakeMedia(3, { episodes: 2, status: 'FINISHED' }), fakeMedia(4)]);
    const { deliveries } = store.repositories;
    await deliveries.plan([{ guildId: GUILD, mediaId: 3, episode: 2, kind: 'aired', dueAt: (NOW_S + 8 * DAY_S) * 1000 }], NOW_S * 1000);
    await sync.syncAll();
    expect(await store.repositories.media.get(3)).toBeDefined();

    // Sent: now the data goes, and both servers will be told.
    const [claimed] = await deliveries.claimDue({ now: (NOW_S + 8 * DAY_S) * 1000, limit: 1, leaseMs: 60_000, owner: 'w' });
    await deliveries.markSent(claimed!.id, 'w', { messageId: '1', now: (NOW_S + 8 * DAY_S) * 1000 });
    anilist.fake.clock.advance(7 * HOUR_S);
    const report = await sync.syncAll();
    expect(report.retention.finished).toEqual([3]);
    expect(await store.repositories.media.get(3)).toBeUndefined();
    expect(await airingTimes(3)).toEqual([]);
    expect((await store.repositories.trackedAnime.get(GUILD, 3))?.finishedAt).toBe((NOW_S + 8 * DAY_S + 7 * HOUR_S) * 1000);
    expect((await store.repositories.trackedAnime.get(OTHER_GUILD, 3))?.finishedAt).not.toBeNull();
    expect(await store.repositories.media.get(4)).toBeDefined();
    // Nothing asks AniList about the finished anime any more.
    const before = anilist.fake.requests.length;
    await sync.syncAll();
    expect(anilist.fake.requests.slice(before).every((request) => !(request.variables.ids as number[]).includes(3))).toBe(true);
  });

  it('forgets an anime no server tracks any more', async () => {
    anilist.fake.setMedia([fakeMedia(6)]);
    anilist.fake.setAirings(weeklyAirings(6, NOW_S + HOUR_S, 3));
    await track(6);
    await sync.syncAll();
    await store.repositories.trackedAnime.remove(GUILD, 6);
    const report = await sync.syncAll();
    expect(report.retention.untracked).toEqual([6]);
    expect(await store.repositories.media.get(6)).toBeUndefined();
    expect(await airingTimes(6)).toEqual([]);
  });
});
