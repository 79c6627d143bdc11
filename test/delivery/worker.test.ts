import { afterEach, describe, expect, it } from 'vitest';
import { HOUR, startDeliveryHarness, type DeliveryHarness } from '../support/delivery-harness.ts';
import { OVER_LIMIT_REASON } from '../../src/domain/tiers.ts';
import { DIALECTS } from '../support/stores.ts';

const START = Date.UTC(2026, 10, 26, 12);

describe.each(DIALECTS)('delivering notifications on %s', (dialect) => {
  let harness: DeliveryHarness;
  afterEach(async () => {
    await harness.close();
  });

  const statuses = async () => {
    const rows = await harness.store.repositories.deliveries.listPending();
    return rows.length;
  };

  it('an airing episode reaches each server exactly once, with title, episode and its subscribers pinged', async () => {
    harness = await startDeliveryHarness(dialect, { start: START });
    const [first, second] = await harness.addServers(2, [21]);
    await harness.addAnime(21, [{ episode: 3, airingAt: START + HOUR }]);
    await harness.store.repositories.guilds.updateSettings(second!.guildId, { titleLanguage: 'english' }, START);
    for (const userId of ['500000000000000001', '500000000000000002']) {
      await harness.store.repositories.subscriptions.subscribe({ guildId: first!.guildId, mediaId: 21, userId, now: START, maxPerAnime: null });
    }
    await harness.planner.plan();
    const worker = harness.worker();
    expect(await worker.drain()).toBe(0);
    expect(harness.discord.messages(first!.channelId)).toEqual([]);

    harness.clock.now = START + HOUR;
    await worker.drain();
    await harness.planner.plan();
    await worker.drain();

    const [message, ...others] = harness.discord.messages(first!.channelId);
    expect(others).toEqual([]);
    const embed = message!.body.embeds![0]!;
    expect(embed.title).toBe('Anime Romaji 21');
    expect(embed.description).toContain('**Episode 3 of 12** just aired');
    expect(message!.message.mentions.map((user) => user.id).sort()).toEqual(['500000000000000001', '500000000000000002']);
    expect(message!.body.content).toBe('New episode: <@500000000000000001> <@500000000000000002>');
    const [english] = harness.discord.messages(second!.channelId);
    expect(english!.body.embeds![0]!.title).toBe('Anime English 21');
    expect(english!.message.mentions).toEqual([]);
    expect(await statuses()).toBe(0);
  });

  it('after downtime sends what is at most 6 hours late, saying so, and skips older ones', async () => {
    harness = await startDeliveryHarness(dialect, { start: START });
    const [server] = await harness.addServers(1, [30, 31]);
    await harness.addAnime(30, [{ episode: 1, airingAt: START + HOUR }]);
    await harness.addAnime(31, [{ episode: 1, airingAt: START + 7 * HOUR }]);
    await harness.planner.plan();
    // The process was down from START until 10 hours later.
    harness.clock.now = START + 10 * HOUR;
    await harness.worker().drain();
    const messages = harness.discord.messages(server!.channelId);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.body.embeds![0]!.title).toBe('Anime Romaji 31');
    expect(messages[0]!.body.embeds![0]!.description).toContain('aired 3 hours ago');
    const rows = await Promise.all([1, 2].map((id) => harness.store.repositories.deliveries.get(id)));
    expect(rows.map((row) => [row?.mediaId, row?.status]).sort()).toEqual([
      [30, 'skipped'],
      [31, 'sent'],
    ]);
  });

  it('a webhook answering 404 is marked broken after one try and never called again; other servers still get theirs', async () => {
    harness = await startDeliveryHarness(dialect, { start: START });
    const servers = await harness.addServers(3, [40]);
    await harness.addAnime(40, [
      { episode: 1, airingAt: START + HOUR },
      { episode: 2, airingAt: START + 2 * HOUR },
    ]);
    harness.discord.deleteWebhook(servers[1]!.webhookId);
    await harness.planner.plan();
    const worker = harness.worker();
    harness.clock.now = START + HOUR;
    await worker.drain();
    harness.clock.now = START + 2 * HOUR;
    await harness.planner.plan();
    await worker.drain();

    const callsTo = (webhookId: string) => harness.discord.requests().filter((request) => request.path.includes(`/webhooks/${webhookId}/`)).length;
    expect(callsTo(servers[1]!.webhookId)).toBe(1);
    expect((await harness.store.repositories.guilds.get(servers[1]!.guildId))?.channelBrokenAt).toBe(START + HOUR);
    expect(harness.discord.messages(servers[0]!.channelId)).toHaveLength(2);
    expect(harness.discord.messages(servers[2]!.channelId)).toHaveLength(2);
  });

  it("waits out Discord's rate limits: 12 notifications to one webhook with no 429, and a forced 429 costs one retry only", async () => {
    harness = await startDeliveryHarness(dialect, { start: START });
    const ids = Array.from({ length: 12 }, (_, index) => 100 + index);
    const [server] = await harness.addServers(1, ids);
    for (const id of ids) await harness.addAnime(id, [{ episode: 1, airingAt: START }]);
    await harness.planner.plan();
    await harness.worker().drain();
    expect(harness.discord.messages(server!.channelId)).toHaveLength(12);
    expect(harness.discord.counts().tooManyRequests).toBe(0);

    await harness.addAnime(200, [{ episode: 1, airingAt: START }]);
    await harness.store.repositories.trackedAnime.add({ guildId: server!.guildId, mediaId: 200, nickname: 'x', addedBy: '1', now: START, maxPerGuild: null });
    await harness.planner.plan();
    harness.discord.forceRateLimit(`POST /webhooks/${server!.webhookId}/:token`, { retryAfterMs: 800, count: 1 });
    await harness.worker().drain();
    expect(harness.discord.messages(server!.channelId)).toHaveLength(13);
    expect(harness.discord.counts().tooManyRequests).toBe(1);
  }, 30_000);

  it('250 subscribers get pinged once each, over messages under 2,000 characters', async () => {
    harness = await startDeliveryHarness(dialect, { start: START });
    const [server] = await harness.addServers(1, [50]);
    await harness.addAnime(50, [{ episode: 1, airingAt: START }]);
    const members = Array.from({ length: 250 }, (_, index) => `6${String(index).padStart(17, '0')}`);
    for (const userId of members)
      await harness.store.repositories.subscriptions.subscribe({ guildId: server!.guildId, mediaId: 50, userId, now: START, maxPerAnime: null });
    await harness.planner.plan();
    await harness.worker().drain();
    const messages = harness.discord.messages(server!.channelId);
    expect(messages).toHaveLength(3);
    for (const message of messages) expect(message.body.content!.length).toBeLessThan(2000);
    const pinged = messages.flatMap((message) => message.message.mentions.map((user) => user.id));
    expect(pinged.sort()).toEqual([...members].sort());
    expect(messages.filter((message) => message.body.embeds?.length)).toHaveLength(1);
  });

  it('a delivery whose processing keeps throwing is retried with backoff, then failed with the reason', async () => {
    harness = await startDeliveryHarness(dialect, { start: START });
    const [server] = await harness.addServers(1, [40]);
    await harness.addAnime(40, [{ episode: 2, airingAt: START }]);
    await harness.planner.plan();
    const { repositories } = harness.store;
    const broken = { ...repositories, subscriptions: { ...repositories.subscriptions, subscribersOf: () => Promise.reject(new Error('disk on fire')) } };
    const worker = harness.worker({ repositories: broken });
    const attempts: number[] = [];
    for (let round = 0; round < 8; round++) {
      await worker.drain();
      const [row] = await repositories.deliveries.listPending();
      if (row) attempts.push(row.attempts);
      harness.clock.now += 2000;
    }
    // The harness allows 5 attempts: four retries wait their backoff, the fifth gives up.
    expect(attempts).toEqual([1, 2, 3, 4]);
    const troubles = await repositories.deliveries.troubles({ now: harness.clock.now, failedSince: START, stuckBefore: START - HOUR });
    expect(troubles).toEqual({ failed: 1, stuck: 0 });
    const failed = await repositories.deliveries.get(1);
    expect(failed).toMatchObject({ status: 'failed', attempts: 5, lastError: 'unexpected error: disk on fire (gave up after 5 attempts)' });
    expect(harness.discord.messages(server!.channelId)).toEqual([]);
  });

  it('being asked to wait by Discord many times costs no attempt: the notification still goes out', async () => {
    harness = await startDeliveryHarness(dialect, { start: START });
    const [server] = await harness.addServers(1, [41]);
    await harness.addAnime(41, [{ episode: 1, airingAt: START }]);
    await harness.planner.plan();
    // More 429s in a row than the harness allows attempts (5), then Discord takes the message.
    let waits = 12;
    const sender = {
      ...harness.sender,
      send: (webhook: Parameters<typeof harness.sender.send>[0], message: Parameters<typeof harness.sender.send>[1]) =>
        waits-- > 0 ? Promise.resolve({ status: 429, retryAfterMs: 1000, message: 'You are being rate limited.' }) : harness.sender.send(webhook, message),
    };
    const worker = harness.worker({ sender });
    for (let round = 0; round < 14; round++) {
      await worker.drain();
      harness.clock.now += 1000;
    }
    expect(harness.discord.messages(server!.channelId)).toHaveLength(1);
    expect(await harness.store.repositories.deliveries.get(1)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('a webhook found gone after an admin already set another channel sends to the new one, stopping nothing', async () => {
    harness = await startDeliveryHarness(dialect, { start: START });
    const [server] = await harness.addServers(1, [42]);
    await harness.addAnime(42, [{ episode: 1, airingAt: START }]);
    await harness.planner.plan();
    const { guilds } = harness.store.repositories;
    const [fresh] = harness.discord.seedWebhooks(server!.channelId, 1);
    // While the message to the old webhook is on its way, the admin runs setchannel, which
    // deletes the old webhook; Discord then answers the old one "Unknown Webhook".
    let changed = false;
    const sender = {
      ...harness.sender,
      send: async (webhook: Parameters<typeof harness.sender.send>[0], message: Parameters<typeof harness.sender.send>[1]) => {
        if (!changed && webhook.id === server!.webhookId) {
          changed = true;
          await guilds.setNotifyChannel(server!.guildId, { channelId: server!.channelId, webhook: { id: fresh!.id, token: fresh!.token! } }, harness.clock.now);
          harness.discord.deleteWebhook(server!.webhookId);
        }
        return harness.sender.send(webhook, message);
      },
    };
    const worker = harness.worker({ sender });
    await worker.drain();
    await worker.drain();
    expect(harness.discord.messages(server!.channelId)).toHaveLength(1);
    expect(await harness.store.repositories.deliveries.get(1)).toMatchObject({ status: 'sent' });
    expect(await guilds.getNotifyChannel(server!.guildId)).toMatchObject({ webhook: { id: fresh!.id } });
  });

  it('an anime paused after planning is not sent when due: the worker cancels it and says why', async () => {
    harness = await startDeliveryHarness(dialect, { start: START });
    const [server] = await harness.addServers(1, [61]);
    await harness.addAnime(61, [{ episode: 2, airingAt: START + HOUR }]);
    await harness.planner.plan();
    // Paused straight in the store: the planner has not run since, so the row is still pending.
    await harness.store.repositories.trackedAnime.setPaused(server!.guildId, 61, true, START);
    harness.clock.now = START + HOUR;
    await harness.worker().drain();
    expect(harness.discord.messages(server!.channelId)).toEqual([]);
    const [row] = await harness.store.repositories.deliveries.listForGuild(server!.guildId, { limit: 1 });
    expect(row).toMatchObject({ status: 'cancelled', lastError: 'the anime is paused on this server' });
  });

  it('an anime the tier limit paused after planning is not sent: the worker cancels it and says why', async () => {
    harness = await startDeliveryHarness(dialect, { start: START });
    const [server] = await harness.addServers(1, [62]);
    await harness.addAnime(62, [{ episode: 2, airingAt: START + HOUR }]);
    await harness.planner.plan();
    await harness.store.repositories.trackedAnime.applyListLimit(server!.guildId, 0, START);
    harness.clock.now = START + HOUR;
    await harness.worker().drain();
    expect(harness.discord.messages(server!.channelId)).toEqual([]);
    const [row] = await harness.store.repositories.deliveries.listForGuild(server!.guildId, { limit: 1 });
    expect(row).toMatchObject({ status: 'cancelled', lastError: OVER_LIMIT_REASON });
  });

  it('a delay the server’s tier holds is not applied at send time, and one it allows is', async () => {
    harness = await startDeliveryHarness(dialect, { start: START });
    const [held, allowed] = await harness.addServers(2, [63]);
    await harness.addAnime(63, [{ episode: 1, airingAt: START + HOUR }]);
    await harness.planner.plan();
    // Both store a delay after planning; only the Supporter+ server's tier applies it.
    const { guilds } = harness.store.repositories;
    for (const server of [held!, allowed!]) await guilds.updateSettings(server.guildId, { postAirDelayMinutes: 10 }, START);
    await guilds.setPremiumTier(allowed!.guildId, 'supporter_plus', START);
    harness.clock.now = START + HOUR;
    await harness.worker().drain();
    expect(harness.discord.messages(held!.channelId)).toHaveLength(1);
    expect(harness.discord.messages(allowed!.channelId)).toEqual([]);
    expect(await harness.store.repositories.deliveries.nextDueAt()).toBe(START + HOUR + 10 * 60_000);
  });

  it('a delayed episode is sent at its new time, not the old one', async () => {
    harness = await startDeliveryHarness(dialect, { start: START });
    const [server] = await harness.addServers(1, [60]);
    await harness.addAnime(60, [{ episode: 4, airingAt: START + HOUR }]);
    await harness.planner.plan();
    // AniList moved the episode a day later; the sync updated the airing but planning has not run.
    await harness.store.repositories.airings.upsertMany([{ mediaId: 60, episode: 4, anilistId: 60004, airingAt: START + 25 * HOUR }], START);
    const worker = harness.worker();
    harness.clock.now = START + HOUR;
    await worker.drain();
    expect(harness.discord.messages(server!.channelId)).toEqual([]);
    expect(await harness.store.repositories.deliveries.nextDueAt()).toBe(START + 25 * HOUR);
    harness.clock.now = START + 25 * HOUR;
    await worker.drain();
    expect(harness.discord.messages(server!.channelId)).toHaveLength(1);
  });
});

describe('several workers on one PostgreSQL', () => {
  let harness: DeliveryHarness;
  afterEach(async () => {
    await harness.close();
  });

  it('deliver 2,000 notifications with no duplicate', async () => {
    harness = await startDeliveryHarness('postgres', { start: START, maxPerSecond: 1000 });
    harness.discord.setRateLimits({ perWebhook: false, global: false, perRoute: false });
    const ids = Array.from({ length: 10 }, (_, index) => 300 + index);
    for (const id of ids) await harness.addAnime(id, [{ episode: 1, airingAt: START }]);
    const servers = await harness.addServers(200, ids);
    expect((await harness.planner.plan()).planned).toBe(2000);
    const pools = await Promise.all([harness.store.openAnother(), harness.store.openAnother()]);
    await Promise.all(pools.map((pool) => harness.worker({ repositories: pool.repositories, concurrency: 25 }).drain()));
    const messages = harness.discord.allMessages();
    expect(messages).toHaveLength(2000);
    const keys = new Set(messages.map((message) => `${message.channelId} ${message.body.embeds![0]!.title}`));
    expect(keys.size).toBe(2000);
    expect(new Set(messages.map((message) => message.channelId)).size).toBe(servers.length);
  }, 120_000);
});
