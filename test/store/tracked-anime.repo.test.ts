import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlreadyTrackedError, ListFullError, NicknameTakenError, NotTrackedError } from '../../src/store/errors.ts';
import { runScript } from '../support/processes.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/stores.ts';

const ADD_SCRIPT = 'test/support/add-tracked.script.ts';

const GUILD = '100000000000000001';
const OTHER_GUILD = '100000000000000002';
const MEMBER = '200000000000000001';
const NOW = Date.UTC(2026, 10, 26);

describe.each(DIALECTS)('tracked anime on %s', (dialect) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await createTestStore(dialect);
  });
  afterEach(async () => {
    await store.dispose();
  });

  const add = (mediaId: number, nickname: string, guildId = GUILD, maxPerGuild: number | null = 8) =>
    store.repositories.trackedAnime.add({ guildId, mediaId, nickname, addedBy: MEMBER, now: NOW, maxPerGuild });

  it('adds, lists by nickname and removes', async () => {
    await add(21, 'One Piece');
    await add(16498, 'aot');
    const { trackedAnime } = store.repositories;
    expect((await trackedAnime.listForGuild(GUILD)).map((anime) => anime.nickname)).toEqual(['aot', 'One Piece']);
    expect(await trackedAnime.findByNickname(GUILD, '  ONE PIECE ')).toEqual({
      guildId: GUILD,
      mediaId: 21,
      nickname: 'One Piece',
      addedBy: MEMBER,
      addedAt: NOW,
      finishedAt: null,
      pausedAt: null,
      limitPausedAt: null,
    });
    expect(await trackedAnime.remove(GUILD, 21)).toBe(true);
    expect(await trackedAnime.remove(GUILD, 21)).toBe(false);
    expect(await trackedAnime.listForGuild(GUILD)).toHaveLength(1);
    // Adding creates the server's row with default settings.
    expect(await store.repositories.guilds.get(GUILD)).toMatchObject({ titleLanguage: 'romaji', premiumTier: null, postAirDelayMinutes: 0 });
  });

  it('refuses the same anime twice and a nickname already used, ignoring case', async () => {
    await add(21, 'One Piece');
    await expect(add(21, 'op')).rejects.toThrow(AlreadyTrackedError);
    await expect(add(22, 'one piece')).rejects.toThrow(NicknameTakenError);
    await expect(add(22, 'one piece')).rejects.toThrow('The nickname "One Piece" is already used');
    // Nicknames are per server.
    await add(22, 'One Piece', OTHER_GUILD);
    expect(await store.repositories.trackedAnime.countForGuild(GUILD)).toBe(1);
  });

  it('stops at the server limit and allows unlimited lists', async () => {
    for (let id = 1; id <= 8; id++) await add(id, `anime ${id}`);
    await expect(add(9, 'ninth')).rejects.toThrow(ListFullError);
    await expect(add(9, 'ninth')).rejects.toThrow("This server's list is full (8 anime).");
    expect(await store.repositories.trackedAnime.countForGuild(GUILD)).toBe(8);
    await add(9, 'ninth', GUILD, null);
    expect(await store.repositories.trackedAnime.countForGuild(GUILD)).toBe(9);
  });

  it('renames, refusing a nickname in use', async () => {
    await add(21, 'One Piece');
    await add(22, 'Naruto');
    const { trackedAnime } = store.repositories;
    expect(await trackedAnime.rename(GUILD, 21, ' OP ')).toMatchObject({ nickname: 'OP' });
    await expect(trackedAnime.rename(GUILD, 22, 'op')).rejects.toThrow(NicknameTakenError);
    await expect(trackedAnime.rename(GUILD, 99, 'x')).rejects.toThrow(NotTrackedError);
    expect((await trackedAnime.listForGuild(GUILD)).map((anime) => anime.nickname)).toEqual(['Naruto', 'OP']);
  });

  it('answers the sync and analytics questions', async () => {
    await add(21, 'a');
    await add(22, 'b');
    await add(21, 'a', OTHER_GUILD);
    const { trackedAnime } = store.repositories;
    expect(await trackedAnime.trackedMediaIds()).toEqual([21, 22]);
    expect(await trackedAnime.guildsTracking(21)).toEqual([GUILD, OTHER_GUILD]);
    expect(await trackedAnime.trackedElsewhere(21, GUILD)).toBe(true);
    expect(await trackedAnime.trackedElsewhere(22, GUILD)).toBe(false);
    expect(await trackedAnime.mostTracked(10)).toEqual([
      { mediaId: 21, count: 2 },
      { mediaId: 22, count: 1 },
    ]);
  });

  it('keeps a finished anime on the list until the server is told, without counting it', async () => {
    await add(21, 'One Piece');
    await add(22, 'Naruto');
    await add(21, 'op', OTHER_GUILD);
    const { trackedAnime } = store.repositories;
    expect(await trackedAnime.markFinished([21], NOW + 1)).toBe(2);
    expect(await trackedAnime.markFinished([21], NOW + 2)).toBe(0);
    expect(await trackedAnime.trackedMediaIds()).toEqual([22]);
    expect(await trackedAnime.guildsTracking(21)).toEqual([]);
    expect(await trackedAnime.countForGuild(GUILD)).toBe(1);
    expect((await trackedAnime.listForGuild(GUILD)).map((anime) => [anime.nickname, anime.finishedAt])).toEqual([
      ['Naruto', null],
      ['One Piece', NOW + 1],
    ]);
    expect((await trackedAnime.dismissFinished(GUILD)).map((anime) => anime.nickname)).toEqual(['One Piece']);
    expect(await trackedAnime.dismissFinished(GUILD)).toEqual([]);
    expect((await trackedAnime.listForGuild(GUILD)).map((anime) => anime.nickname)).toEqual(['Naruto']);
    expect((await trackedAnime.listForGuild(OTHER_GUILD)).map((anime) => anime.finishedAt)).toEqual([NOW + 1]);
  });

  it('pauses an anime (it stays on the list and counts, but no server follows it for planning) and resumes it', async () => {
    await add(21, 'One Piece');
    await add(21, 'op', OTHER_GUILD);
    const { trackedAnime, guilds } = store.repositories;
    for (const [index, guildId] of [GUILD, OTHER_GUILD].entries()) {
      await guilds.setNotifyChannel(guildId, { channelId: `5${index}`, webhook: { id: `6${index}`, token: `t${index}` } }, NOW);
    }
    const followers = async () => (await trackedAnime.followers([21])).flatMap((group) => group.guildIds).sort();
    expect(await followers()).toEqual([GUILD, OTHER_GUILD]);

    expect(await trackedAnime.setPaused(GUILD, 21, true, NOW + 1)).toMatchObject({ nickname: 'One Piece', pausedAt: NOW + 1 });
    // Pausing again keeps the first time.
    expect((await trackedAnime.setPaused(GUILD, 21, true, NOW + 2))?.pausedAt).toBe(NOW + 1);
    expect(await followers()).toEqual([OTHER_GUILD]);
    expect((await trackedAnime.listForGuild(GUILD)).map((anime) => [anime.nickname, anime.pausedAt])).toEqual([['One Piece', NOW + 1]]);
    expect(await trackedAnime.countForGuild(GUILD)).toBe(1);
    // The airing sync keeps following it, so a resume has its episodes at hand.
    expect(await trackedAnime.trackedMediaIds()).toEqual([21]);
    expect((await trackedAnime.get(OTHER_GUILD, 21))?.pausedAt).toBeNull();

    expect((await trackedAnime.setPaused(GUILD, 21, false, NOW + 3))?.pausedAt).toBeNull();
    expect(await followers()).toEqual([GUILD, OTHER_GUILD]);
    expect(await trackedAnime.setPaused(GUILD, 22, true, NOW)).toBeUndefined();
  });

  type Outcome = { ok: boolean; error?: string; message?: string };
  const addFromTwoProcesses = (first: [number, string], second: [number, string]) => {
    const startAt = String(Date.now() + 1500);
    return Promise.all([first, second].map(([mediaId, nickname]) => runScript<Outcome>(ADD_SCRIPT, [store.url, GUILD, String(mediaId), nickname, startAt])));
  };

  it('two writers (two processes) adding the same nickname end with one row and one clear error', async () => {
    const outcomes = await addFromTwoProcesses([21, 'op'], [21, 'op']);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([
      { ok: false, name: 'StoreConflictError', error: 'AlreadyTrackedError', message: 'That anime is already on this server\'s list as "op".' },
    ]);
    expect(await store.repositories.trackedAnime.listForGuild(GUILD)).toHaveLength(1);
  });

  it('two writers (two processes) racing for the last free place leave the list at its limit', async () => {
    for (let id = 1; id <= 7; id++) await add(id, `anime ${id}`);
    const outcomes = await addFromTwoProcesses([100, 'x'], [101, 'y']);
    expect(outcomes.map((outcome) => outcome.error ?? 'added').sort()).toEqual(['ListFullError', 'added']);
    expect(await store.repositories.trackedAnime.countForGuild(GUILD)).toBe(8);
  });

  it('six connections racing for the last free place leave the list at its limit', async () => {
    for (let id = 1; id <= 7; id++) await add(id, `anime ${id}`);
    const writers = await Promise.all(Array.from({ length: 6 }, () => store.openAnother()));
    const attempts = await Promise.allSettled(
      writers.map((writer, index) =>
        writer.repositories.trackedAnime.add({ guildId: GUILD, mediaId: 200 + index, nickname: `new ${index}`, addedBy: MEMBER, now: NOW, maxPerGuild: 8 }),
      ),
    );
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
    for (const attempt of attempts) if (attempt.status === 'rejected') expect(attempt.reason).toBeInstanceOf(ListFullError);
    expect(await store.repositories.trackedAnime.countForGuild(GUILD)).toBe(8);
  });
});
