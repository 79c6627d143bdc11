// My billing in a real browser (Debian's Chromium): log in through the local Discord, read the
// supporter's state, give the premium to a server with the plain form, and see the server page
// show it. No script or style breaks the page's Content-Security-Policy.
// NOTE: recompute writes guilds.patreon_tier, which arrives with migration 0014 (the lapse part).
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWNER, startBot, type BotHarness } from '../support/bot-harness.ts';
import { supporterReport } from '../support/patreon-members.ts';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = '/tmp/anitrack-billing';
const suite = existsSync(CHROMIUM) ? describe : describe.skip;

suite('My billing, in Chromium', () => {
  let bot: BotHarness;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    bot = await startBot('sqlite', { dashboard: true, settings: { PATREON_WEBHOOK_SECRET: 'billing-browser-secret' } });
    bot.addOtherServer();
    await bot.store.repositories.patreon.members.apply(supporterReport(OWNER.id), Date.now());
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
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

  it('gives the premium to a server with the picker, and the server page shows it', async () => {
    await page.goto(`${bot.address}/billing`);
    await page.getByRole('button', { name: `Continue as ${OWNER.username}` }).click();
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.waitForURL(`${bot.address}/billing`);
    await expect.poll(() => page.getByTestId('support').textContent()).toBe('You support AniTrack on Patreon: Supporter+. Thank you!');
    await page.screenshot({ path: `${SCREENSHOTS}-before.png`, fullPage: true });

    await page.getByLabel('Server').selectOption({ label: 'Anime Club' });
    await page.getByTestId('assign').click();
    await page.getByTestId('notice').waitFor();
    expect(await page.getByTestId('notice').textContent()).toBe('Your premium (Supporter+) now applies to Anime Club. This took effect at once.');
    expect(await page.getByTestId('premium-server').textContent()).toBe('Your premium applies to Anime Club.');
    await page.screenshot({ path: `${SCREENSHOTS}-moved.png`, fullPage: true });

    await page.getByRole('link', { name: 'My servers' }).click();
    await page.getByTestId('server').filter({ hasText: 'Anime Club' }).getByRole('link', { name: 'Manage' }).click();
    await page.getByTestId('premium').waitFor();
    expect(await page.getByTestId('premium-tier').textContent()).toContain('Supporter+ (from Patreon supporters)');
    await page.getByTestId('premium').screenshot({ path: `${SCREENSHOTS}-server.png` });
    expect(problems).toEqual([]);
  });
});
