import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Media } from '../../src/domain/media.ts';
import { testMedia } from '../support/media.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/stores.ts';

const NOW = Date.UTC(2026, 10, 26);
const HOUR = 3_600_000;

const media = (id: number, changes: Partial<Media> = {}) => testMedia(id, { fetchedAt: NOW, ...changes });

describe.each(DIALECTS)('media and airings on %s', (dialect) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await createTestStore(dialect);
  });
  afterEach(async () => {
    await store.dispose();
  });

  it('upserts media and reads it back whole', async () => {
    const { media: repo } = store.repositories;
    await repo.upsertMany([media(1), media(2)]);
    await repo.upsertMany([media(1, { status: 'FINISHED', title: { romaji: 'New', english: 'New EN', native: null }, fetchedAt: NOW + HOUR })]);
    expect(await repo.get(1)).toEqual(media(1, { status: 'FINISHED', title: { romaji: 'New', english: 'New EN', native: null }, fetchedAt: NOW + HOUR }));
    expect((await repo.getMany([1, 2, 3])).map((item) => item.id).sort()).toEqual([1, 2]);
    expect(await repo.staleIds(NOW + 1)).toEqual([2]);
    expect(await repo.listIds()).toEqual([1, 2]);
    expect(await repo.listIds({ statuses: ['FINISHED', 'CANCELLED'] })).toEqual([1]);
    expect(await repo.listIds({ statuses: [] })).toEqual([]);
  });

  it('moves a delayed airing, cancels one, and revives it when it comes back', async () => {
    const { media: mediaRepo, airings } = store.repositories;
    await mediaRepo.upsertMany([media(1)]);
    await airings.upsertMany(
      [
        { mediaId: 1, episode: 5, anilistId: 500, airingAt: NOW + HOUR },
        { mediaId: 1, episode: 6, anilistId: 501, airingAt: NOW + 169 * HOUR },
      ],
      NOW,
    );
    // Delayed by a day, and AniList re-created the entry with a new id: still one episode 5.
    await airings.upsertMany([{ mediaId: 1, episode: 5, anilistId: 777, airingAt: NOW + 25 * HOUR }], NOW + 1);
    expect(await airings.get(1, 5)).toEqual({ mediaId: 1, episode: 5, anilistId: 777, airingAt: NOW + 25 * HOUR, cancelledAt: null });
    expect((await airings.listBetween(NOW, NOW + 200 * HOUR)).map((airing) => airing.episode)).toEqual([5, 6]);

    await airings.markCancelled([{ mediaId: 1, episode: 6 }], NOW + 2);
    expect((await airings.get(1, 6))?.cancelledAt).toBe(NOW + 2);
    expect((await airings.listBetween(NOW, NOW + 200 * HOUR)).map((airing) => airing.episode)).toEqual([5]);
    expect(await airings.nextForMedia(1, NOW + 26 * HOUR)).toBeUndefined();

    await airings.upsertMany([{ mediaId: 1, episode: 6, anilistId: 501, airingAt: NOW + 170 * HOUR }], NOW + 3);
    expect(await airings.nextForMedia(1, NOW + 26 * HOUR)).toMatchObject({ episode: 6, cancelledAt: null });
  });

  it('filters the window by anime and deletes airings with their media', async () => {
    const { media: mediaRepo, airings } = store.repositories;
    await mediaRepo.upsertMany([media(1), media(2)]);
    await airings.upsertMany(
      [
        { mediaId: 1, episode: 1, anilistId: 1, airingAt: NOW },
        { mediaId: 2, episode: 1, anilistId: 2, airingAt: NOW + HOUR },
      ],
      NOW,
    );
    expect((await airings.listBetween(NOW - 1, NOW + HOUR, [2])).map((airing) => airing.mediaId)).toEqual([2]);
    expect(await airings.listBetween(NOW - 1, NOW + HOUR, [])).toEqual([]);
    expect(await mediaRepo.deleteMany([1])).toBe(1);
    expect(await airings.get(1, 1)).toBeUndefined();
    expect(await airings.get(2, 1)).toBeDefined();
  });
});
