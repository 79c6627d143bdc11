// What members do day to day: subscribe, the bell, their list, renames, info, schedules.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, MEMBER, MOD, option, startBot, type BotHarness } from '../support/bot-harness.ts';
import { commandFixtures, FILLERS, FRIEREN } from './fixtures.ts';

describe('member commands', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await startBot('sqlite', commandFixtures());
    await bot.anime(ADMIN, 'add', [option.string('anime', String(FRIEREN))]);
  });
  afterEach(async () => {
    await bot.close();
  });
  const subscribers = () => bot.store.repositories.subscriptions.subscribers(bot.server.guildId, FRIEREN);

  it('subscribes and unsubscribes, privately, and lists what the member follows', async () => {
    const choices = await bot.autocomplete(MEMBER, 'subscribe', [option.string('anime', 'fri', true)], 'anime');
    expect(choices).toEqual([{ name: 'Frieren — Sousou no Frieren', value: String(FRIEREN) }]);
    expect(await bot.anime(MEMBER, 'subscribe', [option.string('anime', String(FRIEREN))])).toMatchObject({
      ephemeral: true,
      content: "You'll be pinged when a new episode of **Sousou no Frieren** airs.",
    });
    expect((await bot.anime(MEMBER, 'subscribe', [option.string('anime', 'Frieren')])).content).toBe('You were already subscribed to **Sousou no Frieren**.');
    expect(await subscribers()).toEqual([MEMBER.id]);
    const mine = await bot.anime(MEMBER, 'list', [option.string('filter', 'subscribed')]);
    expect(mine).toMatchObject({ ephemeral: true });
    expect(mine.content).toContain('Your subscriptions');
    expect(mine.content).toContain('`Frieren`');
    expect((await bot.anime(MOD, 'list', [option.string('filter', 'subscribed')])).content).toBe(
      'You are not subscribed to anything on this server yet. Try `/anime subscribe`.',
    );

    expect((await bot.anime(MEMBER, 'unsubscribe', [option.string('anime', String(FRIEREN))])).content).toBe(
      "You won't be pinged for **Sousou no Frieren** any more.",
    );
    expect(await subscribers()).toEqual([]);
    expect((await bot.anime(MEMBER, 'subscribe', [option.string('anime', 'naruto')])).content).toBe(
      '"naruto" is not on this server\'s list. `/anime list` shows what is.',
    );
  });

  it('the bell under a notification toggles the subscription', async () => {
    const press = async (user: { id: string; username: string }) => {
      const interaction = bot.discord.componentInteraction({
        guildId: bot.server.guildId,
        channelId: bot.server.channelId,
        user,
        customId: `bell:${FRIEREN}`,
        message: { id: '1', channel_id: bot.server.channelId } as never,
      });
      const result = await bot.discord.deliverInteraction(bot.endpoint, interaction);
      return (result.body as { data: { content: string; flags: number } }).data;
    };
    expect(await press(MEMBER)).toEqual(
      expect.objectContaining({ content: "🔔 You'll be pinged when a new episode of **Sousou no Frieren** airs.", flags: 64 }),
    );
    expect(await subscribers()).toEqual([MEMBER.id]);
    expect((await press(MEMBER)).content).toBe("🔕 You won't be pinged for **Sousou no Frieren** any more.");
    expect(await subscribers()).toEqual([]);
  });

  it('renames, refusing a nickname in use', async () => {
    await bot.anime(ADMIN, 'add', [option.string('anime', String(FILLERS[0])), option.string('nickname', 'filler')]);
    expect((await bot.anime(MEMBER, 'rename', [option.string('anime', 'Frieren'), option.string('nickname', 'elf mage')])).content).toBe(
      '`Frieren` is now called `elf mage`.',
    );
    expect((await bot.anime(MEMBER, 'rename', [option.string('anime', 'elf mage'), option.string('nickname', 'FILLER')])).content).toBe(
      'The nickname "FILLER" is already used by another anime on this server\'s list.',
    );
    expect((await bot.store.repositories.trackedAnime.get(bot.server.guildId, FRIEREN))?.nickname).toBe('elf mage');
  });

  it('shows info, the next episode and the schedule in Discord timestamps', async () => {
    const info = await bot.anime(MEMBER, 'info', [option.string('anime', 'Frieren')]);
    expect(info.data.embeds?.[0]).toMatchObject({
      title: 'Sousou no Frieren',
      url: `https://anilist.co/anime/${FRIEREN}`,
      thumbnail: { url: expect.stringContaining('bx101') },
    });
    expect(info.content).toContain('Status: Airing');
    expect(info.content).toContain('Watch on: [Crunchyroll](https://www.crunchyroll.com/series/frieren)');
    expect(info.content).toMatch(/Next episode: Episode 5: <t:\d+:f> \(<t:\d+:R>\)/);

    expect((await bot.anime(MEMBER, 'when', [option.string('anime', String(FRIEREN))])).content).toMatch(
      /^Episode 5 of 28 of \*\*Sousou no Frieren\*\* airs <t:\d+:f>, <t:\d+:R>\.$/,
    );

    // The sync started by /anime add fills in the week ahead.
    await bot.app.airingSync.runNow();
    const schedule = await bot.anime(MEMBER, 'schedule', [option.integer('days', 7)]);
    expect(schedule.content).toContain('Airing in the next 7 days');
    expect(schedule.content).toMatch(/<t:\d+:D>: <t:\d+:t> \*\*Sousou no Frieren\*\* — episode 5/);
    expect((await bot.anime(MEMBER, 'schedule', [option.integer('days', 1)])).content).toBe("Nothing on this server's list airs in the next day.");
  });

  it('changes settings (admins only), and shows analytics and help', async () => {
    // A delay after airing is a custom notification time: Supporter+'s.
    await bot.store.repositories.guilds.setPremiumTier(bot.server.guildId, 'supporter_plus', Date.now());
    const saved = await bot.anime(ADMIN, 'admin settings', [option.integer('reminder', 30), option.integer('delay', 15), option.string('language', 'english')]);
    expect(saved.content).toBe(
      [
        'Settings saved.',
        '• Reminder: 30 minutes before an episode airs',
        '• Notification: 15 minutes after it airs',
        '• Titles: english',
        '• Channel: none (use `/anime admin setchannel`)',
      ].join('\n'),
    );
    expect(await bot.store.repositories.guilds.get(bot.server.guildId)).toMatchObject({
      reminderOffsetMinutes: 30,
      postAirDelayMinutes: 15,
      titleLanguage: 'english',
    });
    await bot.anime(ADMIN, 'admin settings', [option.integer('reminder', 0)]);
    expect((await bot.store.repositories.guilds.get(bot.server.guildId))?.reminderOffsetMinutes).toBeNull();

    await bot.anime(MEMBER, 'subscribe', [option.string('anime', String(FRIEREN))]);
    expect((await bot.anime(MEMBER, 'analytics', [option.string('view', 'top_added')])).content).toContain(
      "1. [Frieren: Beyond Journey's End](https://anilist.co/anime/101) — 1 server",
    );
    expect((await bot.anime(MEMBER, 'analytics', [option.string('view', 'top_subscribed')])).content).toContain('— 1 subscriber');
    expect((await bot.anime(MEMBER, 'analytics', [option.string('view', 'random')])).data.embeds?.[0]?.url).toBe(`https://anilist.co/anime/${FRIEREN}`);
    expect((await bot.command(MEMBER, 'help')).content).toContain('`/anime admin setchannel` picks the channel');
  });
});
