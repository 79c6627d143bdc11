// The catalogue table on both databases: filled from the local AniList, shared by processes,
// and emptied by the same retention rules as the rest of AniList's data.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCatalogue, type Catalogue } from '../../src/catalogue/catalogue.ts';
import { createLogger } from '../../src/logger.ts';
import { applyAnimeRetention } from '../../src/privacy/anime-retention.ts';
import { fakeMedia } from '@anitrack/anilist-emulator';
import { startAniList, type AniListHarness } from '../support/anilist-harness.ts';
import { waitFor } from '../support/cli.ts';
import { testMedia } from '../support/media.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/stores.ts';
import type { Repositories } from '../../src/store/repositories.ts';
import { FRIEREN_2, SEASON, WITCH_HAT } from './anime-fixtures.ts';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 11, 1, 12);
const ON_HIATUS = 99_001;
const GUILD = '300000000000000001';
// What AniList lists as airing or announced: the season but its finished anime.
const LISTED = SEASON.filter((media) => media.status !== 'FINISHED').length;

describe.each(DIALECTS)('the anime catalogue on %s', (dialect) => {
  let store: TestStore;
  let anilist: AniListHarness;
  let now: number;
  const catalogues: Catalogue[] = [];
  const catalogueOn = (repositories: Repositories, checkEveryMs = 30_000) => {
    const catalogue = createCatalogue({
      source: anilist.client,
      repositories,
      logger: createLogger({ level: 'silent' }),
      now: () => now,
      refreshEveryMs: 3 * HOUR,
      checkEveryMs,
    });
    catalogues.push(catalogue);
    return catalogue;
  };

  beforeEach(async () => {
    now = START;
    store = await createTestStore(dialect);
    anilist = await startAniList();
    anilist.fake.setMedia([...SEASON]);
  });
  afterEach(async () => {
    await Promise.all(catalogues.splice(0).map((catalogue) => catalogue.stop()));
    await anilist.close();
    await store.dispose();
  });

  it('fills itself at start from every page of AniList, keeps what servers track, and drops what left the list', async () => {
    const { trackedAnime, media, catalogue: table } = store.repositories;
    await media.upsertMany([testMedia(ON_HIATUS, { title: { romaji: 'Kyuushi Monogatari', english: 'A Story on Hold', native: null }, status: 'HIATUS' })]);
    await trackedAnime.add({ guildId: GUILD, mediaId: ON_HIATUS, nickname: 'hold', addedBy: '9', now, maxPerGuild: null });

    const catalogue = catalogueOn(store.repositories);
    await catalogue.start();
    await catalogue.settled();
    // 50 a page.
    expect(anilist.sent('CataloguePage')).toBe(Math.ceil(LISTED / 50));
    const stored = await table.all();
    expect(stored).toHaveLength(LISTED + 1);
    expect(stored.find((entry) => entry.mediaId === FRIEREN_2)).toMatchObject({
      title: { romaji: 'Sousou no Frieren 2nd Season', native: '葬送のフリーレン 第2期' },
      status: 'RELEASING',
      popularity: 310_000,
      format: 'TV',
      seasonYear: 2026,
      isAdult: false,
    });
    expect(stored.find((entry) => entry.mediaId === ON_HIATUS)).toMatchObject({ status: 'HIATUS', popularity: 0 });
    expect(stored.find((entry) => entry.mediaId === 190005)).toMatchObject({ isAdult: true });
    expect(catalogue.search('frieren', 5)[0]?.mediaId).toBe(FRIEREN_2);
    expect(catalogue.search('story on hold', 5)[0]?.mediaId).toBe(ON_HIATUS);
    // Kept, but never offered.
    expect(catalogue.search('adult stone', 5).map((entry) => entry.mediaId)).not.toContain(190005);

    // Frieren's season ends; the next refresh no longer sees it, and no server tracks it.
    anilist.fake.setMedia(SEASON.map((media) => (media.id === FRIEREN_2 ? { ...media, status: 'FINISHED' } : media)));
    now += 4 * HOUR;
    expect(await catalogue.refresh()).toEqual({ entries: LISTED, removed: 1 });
    expect((await table.all()).map((entry) => entry.mediaId)).not.toContain(FRIEREN_2);
    expect(catalogue.search('frieren', 5).map((entry) => entry.mediaId)).not.toContain(FRIEREN_2);
    expect(catalogue.search('story on hold', 5)[0]?.mediaId).toBe(ON_HIATUS);
  });

  it('is refreshed by one process and picked up by the others without asking AniList', async () => {
    const first = catalogueOn(store.repositories);
    await first.start();
    await first.settled();
    expect(anilist.sent('CataloguePage')).toBe(2);

    const other = await store.openAnother();
    const second = catalogueOn(other.repositories, 20);
    await second.start();
    await second.settled();
    // The table is fresh: the second process loads it and sends nothing.
    expect(anilist.sent('CataloguePage')).toBe(2);
    expect(second.search('witch hat', 5)[0]?.mediaId).toBe(WITCH_HAT);

    anilist.fake.setMedia([...SEASON, fakeMedia(99_002, { title: { romaji: 'Hikari no Tabi', english: 'Journey of Light', native: null } })]);
    now += HOUR;
    await first.refresh();
    await waitFor(async () => (second.search('journey of light', 5)[0]?.mediaId === 99_002 ? true : undefined), 5000, 20);
    expect(anilist.sent('CataloguePage')).toBe(4);
  });

  it('refreshes at start only when the table is older than the refresh interval', async () => {
    await catalogueOn(store.repositories).refresh();
    now += 2 * HOUR;
    const fresh = catalogueOn(store.repositories);
    await fresh.start();
    await fresh.settled();
    expect(anilist.sent('CataloguePage')).toBe(2);
    now += 2 * HOUR;
    const stale = catalogueOn(store.repositories);
    await stale.start();
    await stale.settled();
    expect(anilist.sent('CataloguePage')).toBe(4);
  });

  it('stops at once while its refresh waits for AniList, writing nothing', async () => {
    // One request a minute: the second page would wait a minute for its turn.
    const slow = await startAniList({ pacer: { requestsPerMinute: 1 } });
    slow.fake.setMedia([...SEASON]);
    try {
      const catalogue = createCatalogue({
        source: slow.client,
        repositories: store.repositories,
        logger: createLogger({ level: 'silent' }),
        now: () => now,
        refreshEveryMs: 3 * HOUR,
      });
      await catalogue.start();
      await waitFor(async () => (slow.sent('CataloguePage') === 1 ? true : undefined), 5000, 10);
      const started = performance.now();
      await catalogue.stop();
      expect(performance.now() - started).toBeLessThan(5000);
      expect(slow.sent('CataloguePage')).toBe(1);
      expect(await store.repositories.catalogue.version()).toEqual({ entries: 0, refreshedAt: null });
    } finally {
      await slow.close();
    }
  });

  it('keeps the copy it has when AniList fails, and waits before trying again', async () => {
    await catalogueOn(store.repositories).refresh();
    now += 4 * HOUR;
    // Every try of the first page fails (the harness's client tries three times).
    anilist.fake.failNext(3);
    const catalogue = catalogueOn(store.repositories, 20);
    await catalogue.start();
    await catalogue.settled();
    expect(await store.repositories.catalogue.version()).toEqual({ entries: LISTED, refreshedAt: START });
    expect(catalogue.search('witch hat', 5)[0]?.mediaId).toBe(WITCH_HAT);
    // Checks every 20 ms, but after a failure the next try waits a minute (of the app's clock).
    const failedTries = anilist.sent('CataloguePage');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(anilist.sent('CataloguePage')).toBe(failedTries);
    now += 61_000;
    await waitFor(async () => ((await store.repositories.catalogue.version()).refreshedAt === now ? true : undefined), 5000, 20);
  });

  it('loses an entry by the retention rules of AniList data: with its anime once finished, or once ended and untracked', async () => {
    const { trackedAnime, media, catalogue: table } = store.repositories;
    await media.upsertMany([
      testMedia(FRIEREN_2, { status: 'FINISHED' }),
      testMedia(ON_HIATUS, { status: 'HIATUS' }),
      testMedia(WITCH_HAT, { status: 'RELEASING' }),
    ]);
    for (const mediaId of [FRIEREN_2, ON_HIATUS, WITCH_HAT])
      await trackedAnime.add({ guildId: GUILD, mediaId, nickname: `n${mediaId}`, addedBy: '9', now, maxPerGuild: null });
    await catalogueOn(store.repositories).refresh();
    const retention = () => applyAnimeRetention({ ...store.repositories, logger: createLogger({ level: 'silent' }), graceMs: 6 * HOUR }, now);

    // Frieren finished with no episode left to announce: its data and its entry go.
    const first = await retention();
    expect(first.finished).toEqual([FRIEREN_2]);
    let ids = (await table.all()).map((entry) => entry.mediaId);
    expect(ids).not.toContain(FRIEREN_2);
    expect(ids).toContain(ON_HIATUS);

    // The anime on hiatus stays while tracked, and goes once no server tracks it; an airing
    // anime nobody tracks stays findable.
    await trackedAnime.remove(GUILD, ON_HIATUS);
    await trackedAnime.remove(GUILD, WITCH_HAT);
    const second = await retention();
    expect(second.catalogue).toBe(1);
    ids = (await table.all()).map((entry) => entry.mediaId);
    expect(ids).not.toContain(ON_HIATUS);
    expect(ids).toContain(WITCH_HAT);
  });
});
