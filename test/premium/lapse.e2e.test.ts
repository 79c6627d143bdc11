// Lapse without loss, through the whole product: a Supporter+ server with more anime than the
// free list and a delay after airing loses its grant (`anitrack premium clear`, another
// process). The newest anime past the free limit are paused: no notification when their
// episode airs while the others get theirs at once (the delay is held), subscriptions and rows
// all kept. The grant again resumes them with the delay, and removing an anime frees a slot.
import { afterEach, describe, expect, it } from 'vitest';
import { fakeMedia, type FakeAiring } from '@anitrack/anilist-emulator';
import { OVER_LIMIT_REASON } from '../../src/domain/tiers.ts';
import { ADMIN, MEMBER, option, startBot, type BotHarness } from '../support/bot-harness.ts';
import { emptyFolder, runAnitrack, waitFor } from '../support/cli.ts';
import { DIALECTS } from '../support/stores.ts';

const IDS = [501, 502, 503, 504];
const TITLES = ['Lapse Ichi', 'Lapse Ni', 'Lapse San', 'Lapse Yon'];
const FIFTH = 505;
const MINUTE = 60_000;
const DELAY = 10;

describe.each(DIALECTS)('a server whose premium lapses, on %s', (dialect) => {
  let bot: BotHarness;
  afterEach(async () => {
    await bot.close();
  });

  const inSeconds = (seconds: number) => Math.floor(Date.now() / 1000) + seconds;
  const episodeAt = (episode: number, airingAt: number): FakeAiring[] => IDS.map((mediaId) => ({ id: mediaId * 10 + episode, mediaId, episode, airingAt }));
  const premium = async (subcommand: 'set' | 'clear', ...rest: string[]) => {
    const run = await runAnitrack(['premium', subcommand, bot.server.guildId, ...rest], {
      cwd: emptyFolder(),
      settings: { DATABASE_URL: bot.store.url, LOG_LEVEL: 'warn', FREE_MAX_ANIME: '2', SUPPORTER_PLUS_MAX_ANIME: '5' },
    });
    expect(run.code, run.stderr).toBe(0);
    return run.stdout;
  };
  /** The titles of the notifications of `episode` that reached the channel, in order. */
  const notified = (episode: number) =>
    bot.discord
      .messages(bot.server.channelId)
      .filter((message) => message.body.embeds?.[0]?.description?.includes(`**Episode ${episode} of 12**`))
      .map((message) => ({
        title: message.body.embeds![0]!.title,
        mentions: message.message.mentions.map((user) => user.id),
        at: Date.parse(message.message.timestamp),
      }));
  const limitPaused = async () =>
    (await bot.store.repositories.trackedAnime.listForGuild(bot.server.guildId)).filter((entry) => entry.limitPausedAt !== null).map((entry) => entry.mediaId);
  const subscriptionRows = async () =>
    (await Promise.all(IDS.map((id) => bot.store.repositories.subscriptions.subscribers(bot.server.guildId, id)))).flat().length;

  it('pauses the newest anime past the limit without losing anything, and brings them back with the tier', async () => {
    bot = await startBot(dialect, {
      media: [
        ...IDS.map((id, index) => fakeMedia(id, { title: { romaji: TITLES[index]!, english: null, native: null }, episodes: 12 })),
        fakeMedia(FIFTH, { title: { romaji: 'Lapse Go', english: null, native: null }, episodes: 12 }),
      ],
      airings: episodeAt(1, inSeconds(3600)),
      settings: { FREE_MAX_ANIME: '2', SUPPORTER_PLUS_MAX_ANIME: '5' },
    });
    const { guildId } = bot.server;
    const { trackedAnime, deliveries } = bot.store.repositories;
    await bot.store.repositories.guilds.setPremiumTier(guildId, 'supporter_plus', Date.now());
    await bot.anime(ADMIN, 'admin setchannel', [option.channel('channel', bot.server.channelId)]);
    for (const id of IDS) expect((await bot.anime(ADMIN, 'add', [option.string('anime', String(id))])).content).toContain('Added');
    for (const id of IDS) await bot.anime(MEMBER, 'subscribe', [option.string('anime', String(id))]);
    expect((await bot.anime(ADMIN, 'admin settings', [option.integer('delay', DELAY)])).content).toContain(`${DELAY} minutes after it airs`);
    await bot.app.airingSync.runNow();
    const planned = await waitFor(async () => {
      const pending = (await deliveries.listPending()).filter((delivery) => delivery.kind === 'aired');
      return pending.length === 4 ? pending : undefined;
    });
    const airing = await bot.store.repositories.airings.get(IDS[0]!, 1);
    expect(planned.every((delivery) => delivery.dueAt === airing!.airingAt + DELAY * MINUTE)).toBe(true);
    expect(await subscriptionRows()).toBe(4);

    // The grant is taken back from the command line: the two added last are paused.
    expect(await premium('clear')).toContain('Its list: paused 2 anime over its list limit');
    expect(await limitPaused()).toEqual([IDS[2], IDS[3]]);
    const cancelled = (await deliveries.listForGuild(guildId, { limit: 50 })).filter((delivery) => delivery.status === 'cancelled');
    expect(cancelled.map((delivery) => [delivery.mediaId, delivery.lastError]).sort()).toEqual([
      [IDS[2], OVER_LIMIT_REASON],
      [IDS[3], OVER_LIMIT_REASON],
    ]);

    const list = await bot.anime(MEMBER, 'list');
    expect(list.content).toContain("This server's anime (4 of 2)");
    const lines = list.content.split('\n').filter((line) => line.includes('Lapse'));
    expect(lines.map((line) => line.includes('(paused: over the Free list of 2)'))).toEqual([false, false, true, true]);
    // In the list's own order, each in its place.
    expect(lines.map((line) => line.split('`')[1])).toEqual(TITLES);
    expect(list.data.embeds?.[0]?.footer?.text).toContain('resume by themselves when the server gets a premium tier');
    const shown = await bot.anime(ADMIN, 'admin settings');
    expect(shown.content).toContain(`a delay of ${DELAY} minutes is held: needs Supporter+`);
    const refused = await bot.anime(ADMIN, 'admin settings', [option.integer('delay', 5)]);
    expect(refused).toMatchObject({ ephemeral: true });
    expect(refused.content).toContain("part of AniTrack premium's Supporter+ tier");
    expect((await bot.store.repositories.guilds.get(guildId))?.postAirDelayMinutes).toBe(DELAY);
    const full = await bot.anime(ADMIN, 'add', [option.string('anime', String(FIFTH))]);
    expect(full.content).toContain("This server's list is full (2 anime). 2 of them are paused because the list is over this server's tier limit");

    // Episode 1 airs in a few seconds: the first two are told as it airs (the delay is held), the paused two are not.
    const airsAt = inSeconds(4);
    bot.anilist.setAirings(episodeAt(1, airsAt));
    await bot.app.airingSync.runNow();
    const firstTwo = await waitFor(async () => (notified(1).length >= 2 ? notified(1) : undefined), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(notified(1).map((message) => message.title)).toEqual([TITLES[0], TITLES[1]]);
    expect(firstTwo.every((message) => message.at - airsAt * 1000 < 30_000 && message.mentions.includes(MEMBER.id))).toBe(true);
    expect(await subscriptionRows()).toBe(4);
    expect(await trackedAnime.listForGuild(guildId)).toHaveLength(4);

    // Granted again: all four resume, with the delay. Episode 2 aired almost ten minutes ago, so it is due in a few seconds.
    expect(await premium('set', 'supporter_plus')).toContain('Its list: resumed 2 anime');
    expect(await limitPaused()).toEqual([]);
    const secondAt = inSeconds(-DELAY * 60 + 6);
    bot.anilist.setAirings([...episodeAt(1, airsAt), ...episodeAt(2, secondAt)]);
    await bot.app.airingSync.runNow();
    const all = await waitFor(async () => (notified(2).length >= 4 ? notified(2) : undefined), 30_000);
    expect(all.map((message) => message.title).sort()).toEqual([...TITLES].sort());
    expect(all.every((message) => message.at >= secondAt * 1000 + DELAY * MINUTE && message.mentions.includes(MEMBER.id))).toBe(true);

    // Lapsed again, then an active anime is removed: the next paused one takes its slot.
    await premium('clear');
    expect(await limitPaused()).toEqual([IDS[2], IDS[3]]);
    await bot.anime(ADMIN, 'remove', [option.string('anime', String(IDS[0]))]);
    expect(await limitPaused()).toEqual([IDS[3]]);
    expect((await trackedAnime.listForGuild(guildId)).map((entry) => entry.mediaId).sort()).toEqual([IDS[1], IDS[2], IDS[3]]);
    // Only the removed anime's subscription went, with it.
    expect(await subscriptionRows()).toBe(3);
  }, 150_000);
});
