// The dashboard in a real browser (Debian's Chromium, which .ci/run installs): log in through
// the local Discord's consent page, pick the server, find an anime with the instant search, add
// it, see it through a slash command, and remove it. Everything asserted is what the page shows.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { weeklyAirings } from '@anitrack/anilist-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, MEMBER, startBot, type BotHarness } from '../support/bot-harness.ts';
import { SEASON } from '../catalogue/anime-fixtures.ts';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = '/tmp/anitrack-dashboard';
const hasChromium = existsSync(CHROMIUM);
const suite = hasChromium ? describe : describe.skip;

suite('the dashboard, in Chromium', () => {
  let bot: BotHarness;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    const now = Math.floor(Date.now() / 1000);
    bot = await startBot('sqlite', { dashboard: true, media: [...SEASON], airings: SEASON.flatMap((media) => weeklyAirings(media.id, now + 86_400, 2)) });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 }, timezoneId: 'Asia/Tokyo' });
    // A page that breaks its own Content-Security-Policy, or a script error, fails the test.
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
    });
    // Every request to our site must succeed (the local Discord's pages are not ours to judge).
    page.on('response', (response) => {
      if (response.url().startsWith(bot.address) && response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    page.on('pageerror', (error) => problems.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    await bot?.close();
  });

  it('logs in through Discord, adds an anime found by typing, and the server sees it in /anime list', async () => {
    await page.goto(`${bot.address}/servers`);
    // Not logged in: off to Discord's consent page, which asks who we are, then what to allow.
    await page.getByRole('button', { name: `Continue as ${ADMIN.username}` }).click();
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.waitForURL(`${bot.address}/servers`);
    const server = page.getByTestId('server').filter({ hasText: 'Anime Club' });
    await expect.poll(() => server.count()).toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS}-servers.png`, fullPage: true });
    await server.getByRole('link', { name: 'Manage' }).click();
    await page.getByRole('heading', { name: 'Anime Club' }).waitFor();

    await page.getByLabel('Search anime that are airing or announced').pressSequentially('frier', { delay: 40 });
    const result = page.getByTestId('search-result').filter({ hasText: 'Sousou no Frieren 2nd Season' });
    await result.waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}-search.png`, fullPage: true });
    await result.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => page.getByTestId('notice').innerText()).toContain('Added Sousou no Frieren 2nd Season');
    const tracked = page.getByTestId('tracked-anime').filter({ hasText: 'Sousou no Frieren 2nd Season' });
    await tracked.waitFor();
    // The countdown is written in the viewer's time zone by our script.
    await expect.poll(() => tracked.locator('time').innerText()).toMatch(/\(in \d+ (h|days)/);
    await page.screenshot({ path: `${SCREENSHOTS}-server.png`, fullPage: true });
    expect((await bot.anime(MEMBER, 'list')).content).toContain('Sousou no Frieren 2nd Season');

    await tracked.getByLabel(/New nickname for/).fill('frieren-s2');
    await tracked.getByRole('button', { name: 'Rename' }).click();
    await expect.poll(() => page.getByTestId('notice').innerText()).toContain('frieren-s2');
    expect((await bot.anime(MEMBER, 'list')).content).toContain('frieren-s2');

    await tracked.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => page.getByTestId('notice').innerText()).toContain('Removed');
    expect(await page.getByTestId('tracked-anime').filter({ hasText: 'Frieren' }).count()).toBe(0);
    expect((await bot.anime(MEMBER, 'list')).content).not.toContain('Sousou no Frieren 2nd Season');

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${bot.address}/`);
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
