import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeliveryPlanner, type DeliveryPlanner } from '../../src/delivery/plan.ts';
import { testMedia } from '../support/media.ts';
import { createTestStore, DIALECTS, type TestStore } from '../support/stores.ts';
import { DEFAULT_TIERS } from '../support/tiers.ts';

const NOW = Date.UTC(2026, 10, 26, 12);
const HOUR = 3_600_000;
const MINUTE = 60_000;
const GUILDS = ['100000000000000001', '100000000000000002', '100000000000000003'];

const media = (id: number) => testMedia(id, { fetchedAt: NOW });

describe.each(DIALECTS)('planning notifications on %s', (dialect) => {
  let store: TestStore;
  let planner: DeliveryPlanner;
  let now = NOW;

  beforeEach(async () => {
    store = await createTestStore(dialect);
    now = NOW;
    planner = createDeliveryPlanner({ ...store.repositories, tiers: DEFAULT_TIERS, now: () => now, catchUpMs: 6 * HOUR, aheadMs: 7 * 24 * HOUR });
    const { guilds, trackedAnime, media: mediaRepo, airings } = store.repositories;
    await mediaRepo.upsertMany([media(1), media(2)]);
    // A double-episode premiere for anime 1, a weekly episode for anime 2.
    await airings.upsertMany(
      [
        { mediaId: 1, episode: 1, anilistId: 11, airingAt: NOW + 2 * HOUR },
        { mediaId: 1, episode: 2, anilistId: 12, airingAt: NOW + 2 * HOUR },
        { mediaId: 2, episode: 7, anilistId: 27, airingAt: NOW + 5 * HOUR },
      ],
      NOW,
    );
    for (const [index, guildId] of GUILDS.entries()) {
      await trackedAnime.add({ guildId, mediaId: 1, nickname: 'one', addedBy: '9', now: NOW, maxPerGuild: null });
      // The third server has no channel: nothing is planned for it.
      if (index < 2) await guilds.setNotifyChannel(guildId, { channelId: `5${index}`, webhook: { id: `6${index}`, token: `t${index}` } }, NOW);
    }
    await trackedAnime.add({ guildId: GUILDS[0]!, mediaId: 2, nickname: 'two', addedBy: '9', now: NOW, maxPerGuild: null });
    // A delay after airing is a custom notification time: Supporter+'s.
    await guilds.setPremiumTier(GUILDS[1]!, 'supporter_plus', NOW);
    await guilds.updateSettings(GUILDS[1]!, { reminderOffsetMinutes: 30, postAirDelayMinutes: 10 }, NOW);
  });
  afterEach(async () => {
    await store.dispose();
  });

  const pendingSummary = async () =>
    (await store.repositories.deliveries.listPending())
      .map((delivery) => `${delivery.guildId.slice(-1)} ${delivery.mediaId}/${delivery.episode} ${delivery.kind} +${(delivery.dueAt - NOW) / MINUTE}m`)
      .sort();

  it("plans each server's notifications with its delay and reminder, once however often it runs", async () => {
    const first = await planner.plan();
    expect(await pendingSummary()).toEqual([
      '1 1/1 aired +120m',
      '1 1/2 aired +120m',
      '1 2/7 aired +300m',
      '2 1/1 aired +130m',
      '2 1/1 reminder +90m',
      '2 1/2 aired +130m',
      '2 1/2 reminder +90m',
    ]);
    expect(first).toMatchObject({ planned: 7, moved: 0, cancelled: 0, nextDueAt: NOW + 90 * MINUTE });
    expect(await planner.plan()).toMatchObject({ planned: 0, moved: 0, cancelled: 0 });
  });

  it("plans one server's notifications alone when only that server changed, leaving the others' as they are", async () => {
    await planner.plan({ guildIds: [GUILDS[1]!] });
    expect(await pendingSummary()).toEqual(['2 1/1 aired +130m', '2 1/1 reminder +90m', '2 1/2 aired +130m', '2 1/2 reminder +90m']);
    // The first server changes too, but a pass about the second sees nothing of it.
    await planner.plan();
    await store.repositories.trackedAnime.remove(GUILDS[0]!, 2);
    await store.repositories.guilds.updateSettings(GUILDS[1]!, { reminderOffsetMinutes: null }, NOW);
    expect(await planner.plan({ guildIds: [GUILDS[1]!] })).toMatchObject({ planned: 0, moved: 0, cancelled: 2 });
    expect(await pendingSummary()).toContain('1 2/7 aired +300m');
    expect(await planner.plan({ guildIds: [GUILDS[0]!] })).toMatchObject({ planned: 0, moved: 0, cancelled: 1 });
    // Everyone's plan now agrees with the two scoped ones.
    expect(await planner.plan()).toMatchObject({ planned: 0, moved: 0, cancelled: 0 });
    expect(await pendingSummary()).toEqual(['1 1/1 aired +120m', '1 1/2 aired +120m', '2 1/1 aired +130m', '2 1/2 aired +130m']);
  });

  it('moves pending notifications when an episode is delayed or a setting changes', async () => {
    await planner.plan();
    await store.repositories.airings.upsertMany([{ mediaId: 2, episode: 7, anilistId: 27, airingAt: NOW + 29 * HOUR }], NOW);
    await store.repositories.guilds.updateSettings(GUILDS[1]!, { postAirDelayMinutes: 0 }, NOW);
    expect(await planner.plan()).toMatchObject({ planned: 0, moved: 3 });
    expect(await pendingSummary()).toContain('1 2/7 aired +1740m');
    expect(await pendingSummary()).toContain('2 1/1 aired +120m');
  });

  it('cancels what nobody wants any more: a removed anime, a reminder turned off, a cancelled episode', async () => {
    await planner.plan();
    await store.repositories.trackedAnime.remove(GUILDS[0]!, 2);
    await store.repositories.guilds.updateSettings(GUILDS[1]!, { reminderOffsetMinutes: null }, NOW);
    await store.repositories.airings.markCancelled([{ mediaId: 1, episode: 2 }], NOW);
    expect(await planner.plan()).toMatchObject({ planned: 0, cancelled: 5 });
    expect(await pendingSummary()).toEqual(['1 1/1 aired +120m', '2 1/1 aired +130m']);
  });

  it('does not plan a reminder for an episode that already aired, nor notifications too late to matter', async () => {
    now = NOW + 3 * HOUR;
    await planner.plan();
    expect((await pendingSummary()).filter((line) => line.includes('reminder'))).toEqual([]);
    now = NOW + 12 * HOUR;
    await store.repositories.deliveries.cancelPendingForGuild(GUILDS[0]!, now);
    await store.repositories.deliveries.cancelPendingForGuild(GUILDS[1]!, now);
    expect(await planner.plan()).toMatchObject({ planned: 0 });
  });
  it('plans nothing for a paused anime and cancels what it had; plans it again once resumed', async () => {
    await planner.plan();
    await store.repositories.trackedAnime.setPaused(GUILDS[1]!, 1, true, NOW);
    expect(await planner.plan()).toMatchObject({ planned: 0, cancelled: 4 });
    expect(await pendingSummary()).toEqual(['1 1/1 aired +120m', '1 1/2 aired +120m', '1 2/7 aired +300m']);
    const cancelled = (await store.repositories.deliveries.listForGuild(GUILDS[1]!, { limit: 10 })).map((delivery) => [delivery.status, delivery.lastError]);
    expect(new Set(cancelled.map(([status]) => status))).toEqual(new Set(['cancelled']));
    expect(cancelled[0]![1]).toMatch(/^no longer wanted/);
    await store.repositories.trackedAnime.setPaused(GUILDS[1]!, 1, false, NOW);
    expect(await planner.plan()).toMatchObject({ planned: 4, cancelled: 0 });
    expect(await pendingSummary()).toHaveLength(7);
  });

  it('plans nothing for an anime past its server’s list limit, and plans it again when the limit has room', async () => {
    await planner.plan();
    // The first server's list is 1 then 2, added at the same moment: media 2 is past a limit of 1.
    await store.repositories.trackedAnime.applyListLimit(GUILDS[0]!, 1, NOW);
    expect(await planner.plan()).toMatchObject({ planned: 0, cancelled: 1 });
    expect(await pendingSummary()).not.toContain('1 2/7 aired +300m');
    await store.repositories.trackedAnime.applyListLimit(GUILDS[0]!, null, NOW);
    expect(await planner.plan()).toMatchObject({ planned: 1, cancelled: 0 });
  });

  it('holds a stored delay while the server’s tier has no custom timing, and applies it again when the tier returns', async () => {
    await planner.plan();
    await store.repositories.guilds.setPremiumTier(GUILDS[1]!, null, NOW);
    expect(await planner.plan()).toMatchObject({ planned: 0, moved: 2 });
    expect(await pendingSummary()).toContain('2 1/1 aired +120m');
    expect((await store.repositories.guilds.get(GUILDS[1]!))?.postAirDelayMinutes).toBe(10);
    await store.repositories.guilds.setPremiumTier(GUILDS[1]!, 'supporter_plus', NOW);
    expect(await planner.plan()).toMatchObject({ planned: 0, moved: 2 });
    expect(await pendingSummary()).toContain('2 1/1 aired +130m');
  });

  it('finds the one change among many servers notified at the same moment, whatever their settings and id lengths', async () => {
    const { guilds, trackedAnime } = store.repositories;
    // Ids of 17 to 19 digits (so text and number order differ), in three timing groups that
    // share one due time: no settings, a delay their tier does not apply, and a Patreon tier.
    const crowd = Array.from({ length: 30 }, (_, index) => `${index % 3 === 0 ? '9' : '4'}${String(index).padStart(16 + (index % 3), '0')}`);
    for (const [index, guildId] of crowd.entries()) {
      await guilds.setNotifyChannel(guildId, { channelId: `7${index}`, webhook: { id: `8${index}`, token: `c${index}` } }, NOW);
      await trackedAnime.add({ guildId, mediaId: 2, nickname: 'two', addedBy: '9', now: NOW, maxPerGuild: null });
      if (index % 3 === 1) await guilds.updateSettings(guildId, { postAirDelayMinutes: 15 }, NOW);
      if (index % 3 === 2) await store.repositories.patreon.setGuildState({ guildId, patreonTier: 'supporter', graceUntil: null }, NOW);
    }
    const joiner = '5000000000000000000';
    await guilds.setNotifyChannel(joiner, { channelId: '70', webhook: { id: '80', token: 'j' } }, NOW);
    expect(await planner.plan()).toMatchObject({ planned: 37, moved: 0, cancelled: 0 });
    // Nothing changed: every episode is settled by its servers' list, without reading anything else.
    let settledReads = 0;
    const { deliveries } = store.repositories;
    const counting = createDeliveryPlanner({
      ...store.repositories,
      deliveries: { ...deliveries, listSettledForPlanning: (...args) => (settledReads++, deliveries.listSettledForPlanning(...args)) },
      tiers: DEFAULT_TIERS,
      now: () => now,
      catchUpMs: 6 * HOUR,
      aheadMs: 7 * 24 * HOUR,
    });
    expect(await counting.plan()).toMatchObject({ planned: 0, moved: 0, cancelled: 0 });
    expect(settledReads).toBe(0);

    // One server leaves the anime and another joins it: as many servers as before, not the same ones.
    await trackedAnime.remove(crowd[13]!, 2);
    await trackedAnime.add({ guildId: joiner, mediaId: 2, nickname: 'two', addedBy: '9', now: NOW, maxPerGuild: null });
    expect(await planner.plan()).toMatchObject({ planned: 1, moved: 0, cancelled: 1 });
    // A server whose tier now applies its delay: only its notification moves.
    await guilds.setPremiumTier(crowd[16]!, 'supporter_plus', NOW);
    expect(await planner.plan()).toMatchObject({ planned: 0, moved: 1, cancelled: 0 });
    const summary = await pendingSummary();
    expect(summary.filter((line) => line.endsWith('2/7 aired +300m'))).toHaveLength(30);
    expect(summary.filter((line) => line.endsWith('2/7 aired +315m'))).toEqual([`${crowd[16]!.slice(-1)} 2/7 aired +315m`]);
    expect(await planner.plan()).toMatchObject({ planned: 0, moved: 0, cancelled: 0 });
  });

  it('plans nothing for a server whose channel broke or that removed the bot, and cancels what it had', async () => {
    await planner.plan();
    await store.repositories.guilds.markChannelBroken(GUILDS[0]!, NOW);
    await store.repositories.guilds.setLeftAt(GUILDS[1]!, NOW);
    expect(await planner.plan()).toMatchObject({ planned: 0, cancelled: 7 });
    expect(await pendingSummary()).toEqual([]);
  });
});
