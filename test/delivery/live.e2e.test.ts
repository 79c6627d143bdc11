// The whole product, in real time: an episode airs a few seconds from now and the channel gets
// its notification within a second of the due time, without anyone polling.
import { afterEach, describe, expect, it } from 'vitest';
import { fakeMedia } from '@anitrack/anilist-emulator';
import { ADMIN, MEMBER, option, startBot, type BotHarness } from '../support/bot-harness.ts';
import { waitFor } from '../support/cli.ts';

const ANIME = 321;

describe('a live episode', () => {
  let bot: BotHarness;
  afterEach(async () => {
    await bot.close();
  });

  it('is announced once, on time, pinging its subscriber; a deleted webhook stops the server and admins are told', async () => {
    const airsAt = Math.floor(Date.now() / 1000) + 6;
    bot = await startBot('sqlite', {
      media: [fakeMedia(ANIME, { title: { romaji: 'Jikan Anime', english: null, native: null }, episodes: 12 })],
      airings: [
        { id: 1, mediaId: ANIME, episode: 3, airingAt: airsAt },
        { id: 2, mediaId: ANIME, episode: 4, airingAt: airsAt + 3 },
      ],
    });
    await bot.anime(ADMIN, 'admin setchannel', [option.channel('channel', bot.server.channelId)]);
    await bot.anime(ADMIN, 'add', [option.string('anime', String(ANIME))]);
    await bot.anime(MEMBER, 'subscribe', [option.string('anime', String(ANIME))]);
    await bot.app.airingSync.runNow();

    const notification = await waitFor(async () => bot.discord.messages(bot.server.channelId).find((message) => message.body.embeds?.length), 15_000);
    const lateMs = Date.parse(notification.message.timestamp) - airsAt * 1000;
    expect(lateMs).toBeGreaterThanOrEqual(0);
    expect(lateMs).toBeLessThan(1000);
    expect(notification.body.embeds![0]!.title).toBe('Jikan Anime');
    expect(notification.body.embeds![0]!.description).toContain('**Episode 3 of 12** just aired');
    expect(notification.message.mentions.map((user) => user.id)).toEqual([MEMBER.id]);

    // The send is recorded (and counted) a few milliseconds after Discord answered.
    const metrics = await waitFor(async () => {
      const text = await (await fetch(`${bot.app.metricsAddress()}/metrics`)).text();
      return /anitrack_deliveries_total\{outcome="sent"\} 1/.test(text) ? text : undefined;
    }, 5000);
    expect(metrics).toMatch(/anitrack_deliveries_total\{outcome="sent"\} 1/);
    expect(metrics).toMatch(/anitrack_delivery_lateness_seconds_count 1/);

    // Someone deletes our webhook in Discord before episode 4.
    bot.discord.deleteWebhook(bot.discord.webhooks(bot.server.channelId)[0]!.id);
    await waitFor(async () => (await bot.store.repositories.guilds.get(bot.server.guildId))?.channelBrokenAt ?? undefined, 15_000);
    expect(bot.discord.messages(bot.server.channelId).filter((message) => message.body.embeds?.length)).toHaveLength(1);
    const notice = await bot.anime(ADMIN, 'list');
    expect(notice.content).toContain('⚠️ Notifications have stopped: the webhook AniTrack used in');
    expect((await bot.anime(MEMBER, 'list')).content).not.toContain('⚠️');
  }, 40_000);
});
