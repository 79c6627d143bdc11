// A server's settings row is read once per interaction, however many steps want it (the title
// language, the tier's limits, the broken-channel notice), and read again only after a
// handler changed it, so what follows in the same answer is never out of date.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN, option, startBot, type BotHarness } from '../support/bot-harness.ts';
import { commandFixtures, FILLERS, FRIEREN } from './fixtures.ts';

const BROKEN = '⚠️ Notifications have stopped';

describe('the server settings row', () => {
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBot('sqlite', commandFixtures());
  });
  afterAll(async () => {
    await bot.close();
  });

  const readsDuring = async (work: () => Promise<unknown>) => {
    const get = vi.spyOn(bot.store.repositories.guilds, 'get');
    try {
      await work();
      return get.mock.calls.filter(([guildId]) => guildId === bot.server.guildId).length;
    } finally {
      get.mockRestore();
    }
  };

  it('is read once while a server manager adds an anime', async () => {
    let content = '';
    expect(await readsDuring(async () => ({ content } = await bot.anime(ADMIN, 'add', [option.string('anime', String(FRIEREN))])))).toBe(1);
    expect(content).toContain('Added');
  });

  it('is read after setchannel changed it, so a repaired channel is not reported broken', async () => {
    const setChannel = () => bot.anime(ADMIN, 'admin setchannel', [option.channel('channel', bot.server.channelId)]);
    expect((await setChannel()).content).not.toContain(BROKEN);
    await bot.store.repositories.guilds.markChannelBroken(bot.server.guildId, Date.now());
    expect((await bot.anime(ADMIN, 'add', [option.string('anime', String(FILLERS[0]))])).content).toContain(BROKEN);

    const repaired = await setChannel();
    expect(repaired.content).toBe(`Notifications will be posted in <#${bot.server.channelId}>. I sent a welcome message there.`);
  });

  it('shows the settings just saved', async () => {
    // A delay after airing is a custom notification time: Supporter+'s.
    await bot.store.repositories.guilds.setPremiumTier(bot.server.guildId, 'supporter_plus', Date.now());
    const saved = await bot.anime(ADMIN, 'admin settings', [option.integer('delay', 15), option.string('language', 'english')]);
    expect(saved.content).toContain('• Notification: 15 minutes after it airs');
    expect(saved.content).toContain('• Titles: english');
  });
});
