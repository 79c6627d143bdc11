// A change of mind loses no notification: whatever cancelled a delivery (the channel removed,
// the anime removed, reminders turned off, AniList briefly missing the episode, a webhook found
// gone), the episode still reaches the channel, once, when the reason goes away.
import { afterEach, describe, expect, it } from 'vitest';
import { fakeMedia, type FakeAiring } from '@anitrack/anilist-emulator';
import { ADMIN, option, startBot, type BotHarness } from '../support/bot-harness.ts';
import { waitFor } from '../support/cli.ts';
import { DIALECTS } from '../support/stores.ts';

const ANIME = 4242;
const media = fakeMedia(ANIME, { title: { romaji: 'Kawaranai Kimochi', english: null, native: null }, episodes: 12 });

describe.each(DIALECTS)('a cancelled notification comes back on %s', (dialect) => {
  let bot: BotHarness;
  afterEach(async () => {
    await bot.close();
  });

  const start = async (airing: FakeAiring) => {
    bot = await startBot(dialect, { media: [media], airings: [airing] });
    await bot.anime(ADMIN, 'admin setchannel', [option.channel('channel', bot.server.channelId)]);
    await bot.anime(ADMIN, 'add', [option.string('anime', String(ANIME))]);
    await bot.app.airingSync.runNow();
    await waitFor(async () => ((await bot.store.repositories.deliveries.listPending()).length > 0 ? true : undefined));
  };
  const notifications = (channelId = bot.server.channelId) => bot.discord.messages(channelId).filter((message) => message.body.embeds?.length);
  const pendingCount = async () => (await bot.store.repositories.deliveries.listPending()).length;
  /** Waits for the episode's notification, then a moment more, and returns how many arrived. */
  const arrivals = async (channelId = bot.server.channelId, timeoutMs = 20_000) => {
    await waitFor(async () => (notifications(channelId).length > 0 ? true : undefined), timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return notifications(channelId);
  };
  const inSeconds = (seconds: number) => Math.floor(Date.now() / 1000) + seconds;

  it('after the channel is removed and set again', async () => {
    await start({ id: 1, mediaId: ANIME, episode: 5, airingAt: inSeconds(6) });
    await bot.anime(ADMIN, 'admin removechannel');
    expect(await pendingCount()).toBe(0);
    await bot.anime(ADMIN, 'admin setchannel', [option.channel('channel', bot.server.channelId)]);
    const sent = await arrivals();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body.embeds![0]!.description).toContain('Episode 5 of 12');
  }, 40_000);

  it('after the anime is removed and added again', async () => {
    await start({ id: 1, mediaId: ANIME, episode: 5, airingAt: inSeconds(6) });
    await bot.anime(ADMIN, 'remove', [option.string('anime', String(ANIME))]);
    expect(await pendingCount()).toBe(0);
    await bot.anime(ADMIN, 'add', [option.string('anime', String(ANIME))]);
    expect(await arrivals()).toHaveLength(1);
  }, 40_000);

  it('after reminders are turned off and on again', async () => {
    // A reminder one minute before an episode that airs in 85 s: due in about 25 s, late enough
    // that a slow start on a busy machine cannot make it due (and sent) before the steps below.
    await start({ id: 1, mediaId: ANIME, episode: 5, airingAt: inSeconds(85) });
    await bot.anime(ADMIN, 'admin settings', [option.integer('reminder', 1)]);
    await waitFor(async () => ((await bot.store.repositories.deliveries.listPending()).some((delivery) => delivery.kind === 'reminder') ? true : undefined));
    await bot.anime(ADMIN, 'admin settings', [option.integer('reminder', 0)]);
    await waitFor(async () => ((await bot.store.repositories.deliveries.listPending()).some((delivery) => delivery.kind === 'reminder') ? undefined : true));
    await bot.anime(ADMIN, 'admin settings', [option.integer('reminder', 1)]);
    const sent = await arrivals(bot.server.channelId, 45_000);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body.embeds![0]!.description).toMatch(/Episode 5 of 12.*airs/);
  }, 90_000);

  it('after AniList briefly answers without the episode', async () => {
    const airing = { id: 1, mediaId: ANIME, episode: 5, airingAt: inSeconds(8) };
    await start(airing);
    bot.anilist.setAirings([]);
    await bot.app.airingSync.runNow();
    expect(await pendingCount()).toBe(0);
    bot.anilist.setAirings([airing]);
    await bot.app.airingSync.runNow();
    expect(await arrivals()).toHaveLength(1);
  }, 40_000);

  it('after its webhook was found gone and the channel is set again', async () => {
    await start({ id: 1, mediaId: ANIME, episode: 5, airingAt: inSeconds(6) });
    // Someone deletes our webhook; the notification finds it gone when it is due.
    bot.discord.deleteWebhook(bot.discord.webhooks(bot.server.channelId)[0]!.id);
    await waitFor(async () => (await bot.store.repositories.guilds.get(bot.server.guildId))?.channelBrokenAt ?? undefined, 20_000);
    expect(notifications()).toHaveLength(0);
    await bot.anime(ADMIN, 'admin setchannel', [option.channel('channel', bot.server.channelId)]);
    const sent = await arrivals();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body.embeds![0]!.description).toContain('Episode 5 of 12');
  }, 40_000);
});
