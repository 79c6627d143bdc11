// The audit log page and My data in a real browser (Debian's Chromium): the log shows who
// changed what with times written in the viewer's zone by our script; My data downloads the
// export, and deleting asks first on a page of its own, then logs the member out.
import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { weeklyAirings } from '@anitrack/anilist-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, MEMBER, option, startBot, type BotHarness } from '../support/bot-harness.ts';
import { FRIEREN_2, SEASON } from '../catalogue/anime-fixtures.ts';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = '/tmp/anitrack-audit';
const suite = existsSync(CHROMIUM) ? describe : describe.skip;

suite('the audit log and My data, in Chromium', () => {
  let bot: BotHarness;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    const now = Math.floor(Date.now() / 1000);
    bot = await startBot('sqlite', { dashboard: true, media: [...SEASON], airings: SEASON.flatMap((media) => weeklyAirings(media.id, now + 86_400, 2)) });
    await bot.anime(ADMIN, 'admin setchannel', [option.channel('channel', bot.server.channelId)]);
    await bot.anime(ADMIN, 'admin settings', [option.integer('reminder', 30)]);
    await bot.anime(MEMBER, 'add', [option.string('anime', String(FRIEREN_2)), option.string('nickname', 'frieren')]);
    await bot.anime(ADMIN, 'subscribe', [option.string('anime', String(FRIEREN_2))]);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 }, timezoneId: 'Asia/Tokyo', locale: 'en-GB', acceptDownloads: true });
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
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

  it('shows the audit log from the server page, with times in the viewer’s zone', async () => {
    await page.goto(`${bot.address}/servers/${bot.server.guildId}`);
    await page.getByRole('button', { name: `Continue as ${ADMIN.username}` }).click();
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.getByRole('heading', { name: 'Anime Club' }).waitFor();
    await page.getByRole('link', { name: /Audit log/ }).click();
    await page.getByRole('heading', { name: 'Audit log · Anime Club' }).waitFor();

    const rows = page.getByTestId('audit-entry');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.nth(0).innerText()).toMatch(new RegExp(`${MEMBER.id}\\s+Discord\\s+Added Sousou no Frieren 2nd Season as “frieren”`));
    expect(await rows.nth(1).innerText()).toMatch(/you\s+Discord\s+Changed settings: reminder off → 30 min before airing/);
    expect(await rows.nth(2).innerText()).toContain('Set the notification channel to #');
    // Our script rewrote the UTC text in Tokyo time: nine hours ahead, and no "UTC" left.
    const time = rows.nth(0).locator('time');
    const at = new Date((await time.getAttribute('datetime'))!);
    const tokyoHour = String((at.getUTCHours() + 9) % 24).padStart(2, '0');
    await expect.poll(() => time.innerText()).not.toContain('UTC');
    expect(await time.innerText()).toContain(`${tokyoHour}:`);
    await page.screenshot({ path: `${SCREENSHOTS}-audit.png`, fullPage: true });
  });

  it('downloads my data, asks before deleting it, then logs me out', async () => {
    await page.getByRole('link', { name: 'My data' }).click();
    await page.getByRole('heading', { name: 'My data' }).waitFor();
    expect(await page.getByTestId('kept').innerText()).toContain('1 subscription to anime, in 1 server');
    await page.screenshot({ path: `${SCREENSHOTS}-my-data.png`, fullPage: true });

    const downloading = page.waitForEvent('download');
    await page.getByTestId('export').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`anitrack-data-${ADMIN.id}.json`);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as { userId: string; subscriptions: { anilistId: number }[] };
    expect(exported.userId).toBe(ADMIN.id);
    expect(exported.subscriptions.map((item) => item.anilistId)).toEqual([FRIEREN_2]);

    await page.getByRole('link', { name: 'Delete my data…' }).click();
    await page.getByRole('heading', { name: 'Delete my data?' }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}-delete-confirm.png`, fullPage: true });
    // Cancel changes nothing.
    await page.getByRole('link', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: 'My data' }).waitFor();
    expect(await bot.store.repositories.subscriptions.mediaForMember(bot.server.guildId, ADMIN.id)).toEqual([FRIEREN_2]);

    await page.getByRole('link', { name: 'Delete my data…' }).click();
    await page.getByRole('button', { name: 'Yes, delete my data' }).click();
    await page.getByRole('heading', { name: 'Your data is deleted' }).waitFor();
    expect(await page.getByTestId('notice').innerText()).toContain('Deleted 1 subscription');
    await page.screenshot({ path: `${SCREENSHOTS}-deleted.png`, fullPage: true });
    expect(await bot.store.repositories.subscriptions.mediaForMember(bot.server.guildId, ADMIN.id)).toEqual([]);
    expect(
      bot.discord
        .oauthAuthorizations()
        .filter((grant) => grant.userId === ADMIN.id)
        .map((grant) => grant.status),
    ).toEqual(['revoked']);

    // Logged out: the dashboard sends the browser to Discord again.
    await page.goto(`${bot.address}/me/data`);
    await page.waitForURL((url) => url.pathname === '/oauth2/authorize');
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
