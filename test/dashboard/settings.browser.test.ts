// A server's configuration in a real browser (Debian's Chromium): pick the notification channel
// in the select (one the bot cannot post in is there but cannot be picked), save, change the
// settings, lock a command to a role and give a role dashboard access, each answered with a
// notice; then the week's schedule in the viewer's time zone. What is asserted is what the page
// shows, and what the local Discord and the slash commands show afterwards.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { weeklyAirings } from '@anitrack/anilist-emulator';
import { Permission } from '@anitrack/discord-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, MEMBER, option, startBot, type BotHarness } from '../support/bot-harness.ts';
import { SEASON, WITCH_HAT } from '../catalogue/anime-fixtures.ts';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = '/tmp/anitrack-settings';
const suite = existsSync(CHROMIUM) ? describe : describe.skip;

suite("a server's configuration, in Chromium", () => {
  let bot: BotHarness;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    const now = Math.floor(Date.now() / 1000);
    bot = await startBot('sqlite', { dashboard: true, media: [...SEASON], airings: weeklyAirings(WITCH_HAT, now + 5 * 3600, 2) });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 }, timezoneId: 'America/New_York' });
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        problems.push(`${page.url()} ${JSON.stringify(message.location())} ${message.text().slice(0, 60)}`);
    });
    page.on('response', (response) => {
      if (response.url().startsWith(bot.address) && response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    page.on('pageerror', (error) => problems.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    await bot?.close();
  });

  it('picks the channel, saves the settings and the roles, and shows the week', async () => {
    await bot.anime(ADMIN, 'add', [option.string('anime', String(WITCH_HAT))]);
    // A delay after airing is a custom notification time: Supporter+'s (the field is held below it).
    await bot.store.repositories.guilds.setPremiumTier(bot.server.guildId, 'supporter_plus', Date.now());

    await page.goto(`${bot.address}/servers`);
    await page.getByRole('button', { name: `Continue as ${ADMIN.username}` }).click();
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.waitForURL(`${bot.address}/servers`);
    await page.getByTestId('server').filter({ hasText: 'Anime Club' }).getByRole('link', { name: 'Manage' }).click();
    await page.getByRole('link', { name: 'Channel, settings and roles' }).click();
    await page.getByRole('heading', { name: 'Anime Club: channel, settings and roles' }).waitFor();

    // The bot loses Manage Webhooks in #general: after a reload, the channel is listed, named
    // with what is missing, and cannot be picked.
    const select = page.getByLabel('Post notifications in');
    const general = await select.locator('option', { hasText: '#general' }).getAttribute('value');
    bot.discord.setPermissionOverwrites(general!, [{ id: bot.server.botRoleId, type: 0, allow: '0', deny: String(Permission.MANAGE_WEBHOOKS) }]);
    await page.reload();
    const blocked = select.locator('option', { hasText: '#general' });
    expect(await blocked.innerText()).toBe('#general — missing Manage Webhooks');
    expect(await blocked.isDisabled()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}-before.png`, fullPage: true });
    await select.selectOption({ label: '#anime' });
    await page.getByRole('button', { name: 'Save channel' }).click();
    await expect.poll(() => page.getByTestId('notice').innerText()).toBe('Notifications will be posted in #anime. I sent a welcome message there.');
    expect(await page.locator('#channel-section').innerText()).toContain('Notifications go to #anime.');
    expect(bot.discord.webhooks(bot.server.channelId)).toHaveLength(1);
    expect(bot.discord.messages(bot.server.channelId).at(-1)?.body.content).toContain('AniTrack will post here');

    await page.getByLabel('Titles in').selectOption('english');
    await page.getByLabel('Reminder, minutes before an episode airs (0: no reminder)').fill('20');
    await page.getByLabel('Post the notification this many minutes after it airs').fill('5');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByTestId('notice').innerText()).toContain('Settings saved.');
    expect(await page.getByTestId('notice').innerText()).toContain('\n• Reminder: 20 minutes before an episode airs\n');
    await page.screenshot({ path: `${SCREENSHOTS}-saved.png`, fullPage: true });
    const settings = (await bot.anime(ADMIN, 'admin settings')).content;
    expect(settings).toContain('• Reminder: 20 minutes before an episode airs');
    expect(settings).toContain('• Notification: 5 minutes after it airs');
    expect(settings).toContain('• Titles: english');

    // Beyond the command's limit: the browser's own check stops the form, as the field carries the limits.
    await page.getByLabel('Post the notification this many minutes after it airs').fill('5000');
    await page.getByRole('button', { name: 'Save settings' }).click();
    expect(
      await page
        .getByLabel('Post the notification this many minutes after it airs')
        .evaluate((input) => (input as unknown as { validity: { rangeOverflow: boolean } }).validity.rangeOverflow),
    ).toBe(true);
    await page.getByLabel('Post the notification this many minutes after it airs').fill('5');

    await page.getByLabel('Limit').selectOption('add');
    await page.getByLabel('to members with').selectOption({ label: '@Mods' });
    await page.getByRole('button', { name: 'Add lock' }).click();
    await expect.poll(() => page.getByTestId('notice').innerText()).toBe('"/anime add" is now limited to members with @Mods (and server managers).');
    expect(await page.getByTestId('lock').innerText()).toContain('/anime add is limited to @Mods');
    expect((await bot.anime(MEMBER, 'add', [option.string('anime', 'frieren')])).content).toContain('is limited to members with the role');

    await page.getByLabel('Let members with').selectOption({ label: '@Mods' });
    await page.getByRole('button', { name: 'Give access' }).click();
    await expect
      .poll(() => page.getByTestId('notice').innerText())
      .toBe("Members with @Mods may manage this server on AniTrack's dashboard, as server managers may.");
    expect(await page.getByTestId('dashboard-role').innerText()).toContain('@Mods');
    await page.screenshot({ path: `${SCREENSHOTS}-after.png`, fullPage: true });

    await page.getByRole('link', { name: '← Anime Club' }).click();
    await page.getByRole('link', { name: 'What airs this week' }).click();
    const airing = page.getByTestId('airing').filter({ hasText: 'Witch Hat Atelier' });
    await airing.waitFor();
    // Written by our script in the viewer's zone (New York here), with the time left.
    await expect.poll(() => airing.locator('time').innerText()).toMatch(/\(in \d+ h \d+ min\)$/);
    expect(await airing.locator('time').innerText()).not.toContain('UTC');
    await page.screenshot({ path: `${SCREENSHOTS}-week.png`, fullPage: true });

    await page.getByRole('link', { name: 'Commands' }).click();
    await page.getByRole('heading', { name: 'AniTrack commands' }).waitFor();
    expect(await page.getByRole('heading', { name: '/anime admin editpermission' }).count()).toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS}-commands.png`, fullPage: true });
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
