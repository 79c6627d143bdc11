// The sandbox as someone who just cloned AniTrack sees it: the real product against the local
// Discord and AniList, driven from the /sandbox page in a real browser (Debian's Chromium, which
// .ci/run installs). Everything asserted is text the page shows.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { sandboxDataset } from '../../src/sandbox/dataset.ts';
import { startSandbox, type Sandbox } from '../../src/sandbox/start-sandbox.ts';

const CHROMIUM = '/usr/bin/chromium';
const FRIEREN = 154587;
const SCREENSHOT = '/tmp/anitrack-sandbox.png';
const hasChromium = existsSync(CHROMIUM);

const suite = hasChromium ? describe : describe.skip;
const title = hasChromium ? 'the /sandbox page, in Chromium' : `the /sandbox page (skipped: no browser at ${CHROMIUM}; .ci/run installs Debian's chromium)`;

suite(title, () => {
  let dataDir: string;
  let sandbox: Sandbox;
  let startedAt: number;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'anitrack-sandbox-'));
    startedAt = Math.floor(Date.now() / 1000);
    const config = loadConfig({
      env: { DATABASE_URL: `sqlite:${join(dataDir, 'db')}`, DATA_DIR: dataDir, PORT: '0', METRICS_PORT: '0' },
      envFile: join(dataDir, '.env'),
    });
    sandbox = await startSandbox(config, createLogger({ level: 'silent' }));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** Does `action` and returns the text of the answer it brings (throws with the page's error text). */
  async function answerTo(action: () => Promise<void>): Promise<string> {
    await action();
    const answer = page.getByTestId('answer');
    await answer.locator('[data-testid="answer-message"], [data-testid="answer-error"]').first().waitFor({ timeout: 20_000 });
    const text = await answer.innerText();
    if (await answer.getByTestId('answer-error').count()) throw new Error(`the page shows an error: ${text}`);
    return text;
  }

  async function runCommand(member: string, command: string, fill: () => Promise<void> = async () => {}): Promise<string> {
    await page.getByTestId('member').selectOption({ label: member });
    await page.getByTestId('command').selectOption({ label: command });
    await fill();
    return answerTo(() => page.getByTestId('send').click());
  }

  const channelMessage = (text: string | RegExp): Locator => page.getByTestId('messages').getByTestId('message').filter({ hasText: text });

  it('sets the channel, adds an anime through autocomplete, shows its notification and subscribes a member with the bell', async () => {
    await page.goto(`${sandbox.address}/sandbox`);
    await page.locator('body[data-ready="true"]').waitFor();
    expect(await page.getByTestId('guild-name').innerText()).toBe('AniTrack Sandbox');
    expect(await page.getByTestId('channel-title').innerText()).toBe('# anime');

    // Aiko (the owner) picks #anime: a private confirmation, and the welcome message in the channel.
    const setChannel = await runCommand('Aiko (admin)', '/anime admin setchannel', () =>
      page
        .getByTestId('option-channel')
        .selectOption({ label: '# anime' })
        .then(() => {}),
    );
    expect(setChannel).toContain('Notifications will be posted in #anime');
    expect(setChannel).toContain('Only you can see this');
    await channelMessage('AniTrack will post here when episodes').waitFor({ timeout: 10_000 });

    // Frieren's next episode airs a few seconds after it is added (the dataset's first is a minute away).
    const airsAt = Math.floor(Date.now() / 1000) + 12;
    const dataset = sandboxDataset(startedAt);
    sandbox.anilist.setAirings([
      ...dataset.airings.filter((airing) => airing.mediaId !== FRIEREN),
      { id: FRIEREN * 100, mediaId: FRIEREN, episode: 3, airingAt: airsAt },
      { id: FRIEREN * 100 + 1, mediaId: FRIEREN, episode: 4, airingAt: airsAt + 7 * 86_400 },
    ]);

    // Aiko adds it by choosing one of the suggestions that appear as she types.
    const added = await runCommand('Aiko (admin)', '/anime add', async () => {
      const input = page.getByTestId('option-anime');
      await input.pressSequentially('Frieren', { delay: 30 });
      await page.getByTestId('suggestions-anime').getByTestId('suggestion').filter({ hasText: 'Sousou no Frieren' }).click();
      expect(await input.inputValue()).toContain('Sousou no Frieren');
    });
    expect(added).toContain("Added Sousou no Frieren to this server's list");
    expect(added).toContain('Episode 3 airs');
    expect(added).not.toContain('Only you can see this');
    await channelMessage('Aiko (admin) used /anime add').waitFor({ timeout: 10_000 });

    // The episode airs: the notification appears in #anime with its embed and the bell.
    const notification = page
      .getByTestId('messages')
      .getByTestId('message')
      .filter({ has: page.getByTestId('embed-title').filter({ hasText: 'Sousou no Frieren' }) });
    await notification.waitFor({ timeout: 30_000 });
    const notificationText = await notification.innerText();
    expect(notificationText).toContain('New episode');
    expect(notificationText).toContain('Episode 3 of 28');
    expect(notificationText).toContain('just aired');
    expect(notificationText).toContain('Watch on');
    expect(await notification.getByTestId('embed-title').getAttribute('href')).toBe(`https://anilist.co/anime/${FRIEREN}`);

    // Ren presses the bell and gets a private answer.
    await page.getByTestId('member').selectOption({ label: 'Ren (member)' });
    const bell = notification.getByTestId('component-button').filter({ hasText: 'Ping me for new episodes' });
    const subscribed = await answerTo(() => bell.click());
    expect(subscribed).toContain('Ren (member) pressed “🔔 Ping me for new episodes”');
    expect(subscribed).toContain("You'll be pinged when a new episode of Sousou no Frieren airs");
    expect(subscribed).toContain('Only you can see this');

    // …and finds the anime among his subscriptions.
    const list = await runCommand('Ren (member)', '/anime list', () =>
      page
        .getByTestId('option-filter')
        .selectOption({ label: 'My subscriptions' })
        .then(() => {}),
    );
    expect(list).toContain('Ren (member) used /anime list');
    expect(list).toContain('Sousou no Frieren');
    expect(list).not.toContain('not subscribed');

    await page.screenshot({ path: SCREENSHOT });
  }, 75_000);

  it('answers a malformed request to its API with 400 and plain words', async () => {
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${sandbox.address}/sandbox/api/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as { error?: string } };
    };
    const [aiko] = sandbox.world.users;
    expect(await post('command', { name: 'anime', path: 'add' })).toEqual({ status: 400, body: { error: expect.stringContaining('userId') } });
    expect(await post('command', { userId: aiko!.id, name: 'anime', path: 'admin' })).toEqual({
      status: 400,
      body: { error: '/anime admin needs a subcommand.' },
    });
    expect(await post('command', { userId: aiko!.id, name: 'anime', path: 'add', options: {} })).toEqual({
      status: 400,
      body: { error: '/anime add needs the option "anime".' },
    });
    expect(await post('command', { userId: '1', name: 'help', path: '' })).toEqual({ status: 400, body: { error: 'No member 1 in the sandbox server.' } });
    expect(await post('button', { userId: aiko!.id, customId: 'bell:1', messageId: '123', channelId: sandbox.world.channels[0]!.id })).toEqual({
      status: 400,
      body: { error: 'No message 123 in that channel.' },
    });
  });

  it("opens the dashboard as the sandbox's admin through the local Discord's login", async () => {
    await page.goto(`${sandbox.address}/servers`);
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.waitForURL(`${sandbox.address}/servers`);
    await page.getByTestId('server').filter({ hasText: 'AniTrack Sandbox' }).getByRole('link', { name: 'Manage' }).click();
    await page.getByRole('heading', { name: 'AniTrack Sandbox' }).waitFor();
    await page.screenshot({ path: '/tmp/anitrack-sandbox-dashboard.png', fullPage: true });
    // The first test added an anime through /anime add: the dashboard shows the same list.
    expect(await page.getByTestId('tracked-anime').count()).toBeGreaterThan(0);
  });
});
