// A server's list fitted to a limit without deleting anything: the first anime by (added_at,
// media_id) stay active, the rest are paused by the limit, and room resumes them in that order.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStore, DIALECTS, type TestStore } from '../support/stores.ts';

const GUILD = '100000000000000001';
const OTHER = '100000000000000002';
const NOW = Date.UTC(2026, 10, 26);
const HOUR = 3_600_000;

describe.each(DIALECTS)('list limits on %s', (dialect) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await createTestStore(dialect);
    const { trackedAnime } = store.repositories;
    // Added in the order 40, 10, 30, 20; 20 and 30 at the same moment (media id breaks the tie).
    const adds: [number, number][] = [
      [40, NOW],
      [10, NOW + HOUR],
      [30, NOW + 2 * HOUR],
      [20, NOW + 2 * HOUR],
    ];
    for (const [mediaId, at] of adds)
      await trackedAnime.add({ guildId: GUILD, mediaId, nickname: `anime ${mediaId}`, addedBy: '1', now: at, maxPerGuild: null });
    await trackedAnime.add({ guildId: OTHER, mediaId: 10, nickname: 'ten', addedBy: '1', now: NOW, maxPerGuild: null });
  });
  afterEach(async () => {
    await store.dispose();
  });

  const limitPaused = async () =>
    Object.fromEntries((await store.repositories.trackedAnime.listForGuild(GUILD)).map((entry) => [entry.mediaId, entry.limitPausedAt]));

  it('pauses the newest past the limit, keeps the first pause time, and resumes in the list order', async () => {
    const { trackedAnime } = store.repositories;
    expect(await trackedAnime.applyListLimit(GUILD, 2, NOW + 5 * HOUR)).toEqual({ paused: [20, 30], resumed: [] });
    expect(await limitPaused()).toEqual({ 10: null, 20: NOW + 5 * HOUR, 30: NOW + 5 * HOUR, 40: null });
    // Applying it again changes nothing, nor the time of the pause.
    expect(await trackedAnime.applyListLimit(GUILD, 2, NOW + 6 * HOUR)).toEqual({ paused: [], resumed: [] });
    expect(await trackedAnime.applyListLimit(GUILD, 1, NOW + 7 * HOUR)).toEqual({ paused: [10], resumed: [] });
    expect(await limitPaused()).toEqual({ 10: NOW + 7 * HOUR, 20: NOW + 5 * HOUR, 30: NOW + 5 * HOUR, 40: null });

    expect(await trackedAnime.applyListLimit(GUILD, 3, NOW + 8 * HOUR)).toEqual({ paused: [], resumed: [10, 20] });
    expect(await trackedAnime.applyListLimit(GUILD, null, NOW + 9 * HOUR)).toEqual({ paused: [], resumed: [30] });
    expect(await limitPaused()).toEqual({ 10: null, 20: null, 30: null, 40: null });
    // The other server's list was never touched, and nothing was deleted.
    expect((await trackedAnime.listForGuild(OTHER))[0]?.limitPausedAt).toBeNull();
    expect(await trackedAnime.listForGuild(GUILD)).toHaveLength(4);
  });

  it('leaves finished anime out of the count, and finds the servers a limit may touch', async () => {
    const { trackedAnime } = store.repositories;
    await trackedAnime.markFinished([40], NOW);
    expect(await trackedAnime.applyListLimit(GUILD, 2, NOW)).toEqual({ paused: [30], resumed: [] });
    expect(await trackedAnime.guildsOverOrPaused(2)).toEqual([GUILD]);
    expect(await trackedAnime.guildsOverOrPaused(3)).toEqual([GUILD]);
    expect(await trackedAnime.applyListLimit(GUILD, 3, NOW)).toEqual({ paused: [], resumed: [30] });
    expect(await trackedAnime.guildsOverOrPaused(3)).toEqual([]);
    expect(await trackedAnime.guildsOverOrPaused(0)).toEqual([GUILD, OTHER]);
  });

  it('counts anime paused by the limit towards it when adding', async () => {
    const { trackedAnime } = store.repositories;
    await trackedAnime.applyListLimit(GUILD, 2, NOW);
    await expect(trackedAnime.add({ guildId: GUILD, mediaId: 50, nickname: 'fifty', addedBy: '1', now: NOW, maxPerGuild: 4 })).rejects.toThrow(
      "This server's list is full (4 anime).",
    );
  });
});
