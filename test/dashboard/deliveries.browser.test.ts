// "Why did or didn't it post?" in a real browser (Debian's Chromium): log in, open the server,
// pause and resume an anime, open the delivery page, read the channel check, the preview card
// and the log (a notification that went out while we watched), press Test send and read
// Discord's answer; then take a permission away and see it named. Everything asserted is what
// the page shows or what arrived in the channel.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { fakeMedia, weeklyAirings } from '@anitrack/anilist-emulator';
import { Permission } from '@anitrack/discord-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, option, startBot, type BotHarness } from '../support/bot-harness.ts';
import { waitFor } from '../support/cli.ts';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = '/tmp/anitrack-deliveries';
const suite = existsSync(CHROMIUM) ? describe : describe.skip;
/** A style property as the browser computed it (run in the page; this project's types have no DOM). */
type StyleReader = { getComputedStyle(element: unknown): Record<string, string> };
const computed = (element: unknown, property: string) => (globalThis as unknown as StyleReader).getComputedStyle(element)[property];

const SOON = 5151;
const LATER = 5252;
const watchOn = [{ id: 1, site: 'Crunchyroll', url: 'https://www.crunchyroll.com/series/example', type: 'STREAMING' as const }];

suite('"Why did or didn\'t it post?" in Chromium', () => {
  let bot: BotHarness;
  let browser: Browser;
  let page: Page;
  let laterAirsAt = 0;
  const problems: string[] = [];

  beforeAll(async () => {
    const now = Math.floor(Date.now() / 1000);
    laterAirsAt = (now + 2 * 86_400) * 1000;
    bot = await startBot('sqlite', {
      dashboard: true,
      media: [
        fakeMedia(SOON, { title: { romaji: 'Sugu Kuru', english: null, native: null } }),
        fakeMedia(LATER, {
          title: { romaji: 'Ato de Kuru', english: null, native: null },
          coverImage: { extraLarge: null, large: null, medium: null, color: '#43a047' },
          externalLinks: watchOn,
        }),
      ],
      airings: [{ id: 1, mediaId: SOON, episode: 3, airingAt: now + 6 }, ...weeklyAirings(LATER, now + 2 * 86_400, 2, 4)],
    });
    await bot.anime(ADMIN, 'admin setchannel', [option.channel('channel', bot.server.channelId)]);
    for (const id of [SOON, LATER]) await bot.anime(ADMIN, 'add', [option.string('anime', String(id))]);
    await bot.app.airingSync.runNow();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 }, timezoneId: 'Europe/Berlin', locale: 'en-GB' });
    // A page that breaks its own Content-Security-Policy, or a script error, fails the test.
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
    });
    page.on('response', (response) => {
      if (response.url().startsWith(bot.address) && response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    page.on('pageerror', (error) => problems.push(error.message));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await bot?.close();
  });

  it('pauses and resumes from the list, then shows the channel check, the preview card and the log, and a test send arrives', async () => {
    await page.goto(`${bot.address}/servers/${bot.server.guildId}`);
    await page.getByRole('button', { name: `Continue as ${ADMIN.username}` }).click();
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.getByRole('heading', { name: 'Anime Club' }).waitFor();

    const later = page.getByTestId('tracked-anime').filter({ hasText: 'Ato de Kuru' });
    await later.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => page.getByTestId('notice').innerText()).toContain('Paused "Ato de Kuru"');
    await later.getByTestId('paused').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}-paused.png`, fullPage: true });
    expect((await bot.anime(ADMIN, 'list')).content).toMatch(/Ato de Kuru.*\(paused\)/);
    await later.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => page.getByTestId('notice').innerText()).toContain('Resumed "Ato de Kuru"');
    expect(await later.getByTestId('paused').count()).toBe(0);

    // The first anime's episode goes out while we look, and the resumed one is planned again.
    await waitFor(async () =>
      bot.discord.messages(bot.server.channelId).some((message) => message.body.embeds?.[0]?.title === 'Sugu Kuru') ? true : undefined,
    );
    await waitFor(async () => ((await bot.store.repositories.deliveries.listPending()).some((delivery) => delivery.mediaId === LATER) ? true : undefined));
    await page.getByRole('link', { name: 'Delivery log, channel check, preview and test send' }).click();
    await page.getByRole('heading', { name: "Why did or didn't it post?" }).waitFor();

    await expect.poll(() => page.getByTestId('channel-check').innerText()).toContain('AniTrack can post in #anime');
    expect(await page.getByTestId('permission').allInnerTexts()).toEqual(['✓ View Channel', '✓ Send Messages', '✓ Embed Links', '✓ Manage Webhooks']);

    const card = page.getByTestId('preview').getByTestId('embed');
    expect(await card.locator('.embed-title').innerText()).toBe('Ato de Kuru');
    // Discord's <t:…:t> written in the viewer's zone (Berlin), as Discord would.
    const berlin = new Date(laterAirsAt).toLocaleTimeString('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' });
    expect(await card.locator('.embed-description').innerText()).toBe(`Episode 4 of 12 just aired (${berlin}).`);
    expect(await card.locator('.embed-field-value').innerText()).toBe('Crunchyroll');
    // The anime's green cover colour is drawn as the bar.
    expect(await card.evaluate(computed, 'borderLeftColor')).toBe('rgb(67, 160, 71)');

    const sent = page.getByTestId('delivery').filter({ hasText: 'Sugu Kuru' });
    await expect.poll(() => sent.locator('.status').innerText()).toBe('Sent');
    expect(await sent.locator('.status').evaluate(computed, 'color')).toBe('rgb(21, 128, 61)');
    const planned = page.getByTestId('delivery').filter({ hasText: 'Ato de Kuru' });
    expect(await planned.locator('.status').innerText()).toBe('Scheduled');
    await page.screenshot({ path: `${SCREENSHOTS}-page.png`, fullPage: true });

    await page.getByRole('button', { name: 'Send a test message' }).click();
    await expect.poll(() => page.locator('#test-send-result').innerText()).toMatch(/^Sent: Discord posted the test message \(message id \d+\)/);
    const test = bot.discord.messages(bot.server.channelId).at(-1)!;
    expect(test.body.content).toContain('Test from the AniTrack dashboard');
    expect(await page.locator('#test-send-result').innerText()).toContain(test.id);
    await page.screenshot({ path: `${SCREENSHOTS}-test-sent.png`, fullPage: true });

    // Pressed again at once: held back, in words, without a broken page.
    await page.getByRole('button', { name: 'Send a test message' }).click();
    await expect.poll(() => page.locator('#test-send-result').innerText()).toMatch(/^A test was just sent to this server\. Wait \d+ seconds/);
    expect(problems, problems.join('\n')).toEqual([]);
  }, 60_000);

  it('names a permission taken away in the channel', async () => {
    bot.discord.setPermissionOverwrites(bot.server.channelId, [{ id: bot.server.botRoleId, type: 0, allow: '0', deny: String(Permission.EMBED_LINKS) }]);
    await page.reload();
    await expect.poll(() => page.getByTestId('channel-check').innerText()).toContain('AniTrack is missing Embed Links in #anime');
    expect(await page.getByTestId('permission').filter({ hasText: 'Embed Links' }).innerText()).toBe('✗ Embed Links (missing)');
    await page.screenshot({ path: `${SCREENSHOTS}-missing.png`, fullPage: true });
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
