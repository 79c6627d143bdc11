// "Why did or didn't it post?" through the whole product on both databases: a channel set with
// the slash command, an anime whose episode airs within seconds, the real worker sending it to
// the local Discord, and the dashboard's API reading the log, checking the channel, previewing
// the notification, sending a test and pausing the anime. What is asserted is what a script
// gets back and what arrives in the channel.
import { afterEach, describe, expect, it } from 'vitest';
import { fakeMedia, type FakeAiring } from '@anitrack/anilist-emulator';
import { Permission } from '@anitrack/discord-emulator';
import { ADMIN, MEMBER, option, startBot, type BotHarness } from '../support/bot-harness.ts';
import { waitFor } from '../support/cli.ts';
import { DIALECTS } from '../support/stores.ts';
import { json, webClient } from './web-client.ts';

const ANIME = 4343;
const media = fakeMedia(ANIME, { title: { romaji: 'Haishin Kakunin', english: null, native: null }, episodes: 12 });

interface LogEntry {
  id: number;
  anime: { mediaId: number; title: string | null };
  episode: number;
  kind: string;
  status: string;
  statusText: string;
  attempts: number;
  reason: string | null;
  lastError: string | null;
  sentAt: string | null;
  messageId: string | null;
}
interface Log {
  deliveries: LogEntry[];
  nextBefore: number | null;
}
interface ChannelCheck {
  ok: boolean;
  channel: string;
  channelName: string | null;
  permissions: { name: string; granted: boolean }[];
  webhook: string;
  problems: string[];
}
interface TestSend {
  outcome: string;
  message: string;
  messageId: string | null;
  retryAfterSeconds: number | null;
  discord: { status: number | null; code: number | null };
}

describe.each(DIALECTS)('why did or did not it post, on %s', (dialect) => {
  let bot: BotHarness;
  let offsetMs = 0;
  afterEach(async () => {
    await bot.close();
  });

  const inSeconds = (seconds: number) => Math.floor(Date.now() / 1000) + seconds;
  const start = async (airings: FakeAiring[] = []) => {
    offsetMs = 0;
    bot = await startBot(dialect, { dashboard: true, media: [media], airings, clock: { now: () => Date.now() + offsetMs } });
  };
  const setChannel = () => bot.anime(ADMIN, 'admin setchannel', [option.channel('channel', bot.server.channelId)]);
  /** The channel set and the anime added through slash commands, its airings synced and planned. */
  const follow = async (afterChannel?: () => void) => {
    await setChannel();
    afterChannel?.();
    await bot.anime(ADMIN, 'add', [option.string('anime', String(ANIME))]);
    await bot.app.airingSync.runNow();
    await waitFor(async () => ((await bot.store.repositories.deliveries.listPending()).length > 0 ? true : undefined));
  };
  const loggedIn = async (userId = ADMIN.id) => {
    const browser = webClient(bot.address, bot.discord);
    expect((await browser.login(userId)).status).toBe(303);
    const { csrfToken } = await json<{ csrfToken: string }>(await browser.request('/api/v1/me'));
    const guild = `/api/v1/guilds/${bot.server.guildId}`;
    const post = (url: string, token: string | null = csrfToken) => browser.request(url, { method: 'POST', headers: token ? { 'x-csrf-token': token } : {} });
    return { browser, csrf: csrfToken, guild, post, get: <T>(url: string) => browser.request(url).then((response) => json<T>(response)) };
  };
  const notifications = () => bot.discord.messages(bot.server.channelId).filter((message) => message.body.embeds?.length);
  const logOf = async (get: <T>(url: string) => Promise<T>, query = '') =>
    (await get<Log>(`/api/v1/guilds/${bot.server.guildId}/deliveries${query}`)).deliveries;

  it('previews the next notification exactly as it then arrives, and the log shows it sent with its message id', async () => {
    await start([{ id: 1, mediaId: ANIME, episode: 5, airingAt: inSeconds(8) }]);
    await follow();
    const { get, guild } = await loggedIn();
    const preview = await get<{ next: { episode: number; kind: string } | null; messages: Record<string, unknown>[] }>(`${guild}/preview`);
    expect(preview.next).toMatchObject({ episode: 5, kind: 'aired' });
    expect(preview.messages).toHaveLength(1);
    expect(await logOf(get)).toEqual([expect.objectContaining({ episode: 5, status: 'pending', statusText: 'Scheduled', reason: null })]);

    const [arrived] = await waitFor(async () => (notifications().length > 0 ? notifications() : undefined));
    expect(arrived!.body).toEqual(preview.messages[0]);
    expect(arrived!.body.embeds![0]!.description).toContain('Episode 5 of 12');

    const [sent] = await waitFor(async () => {
      const log = await logOf(get);
      return log[0]?.status === 'sent' ? log : undefined;
    });
    expect(sent).toMatchObject({
      anime: { mediaId: ANIME, title: 'Haishin Kakunin' },
      episode: 5,
      kind: 'aired',
      statusText: 'Sent',
      attempts: 1,
      reason: null,
      messageId: arrived!.id,
    });
    expect(Date.parse(sent!.sentAt!)).toBeGreaterThan(0);
  }, 40_000);

  it("shows Discord's reason for a failure and a gone webhook, a page at a time", async () => {
    await start([
      { id: 1, mediaId: ANIME, episode: 5, airingAt: inSeconds(6) },
      { id: 2, mediaId: ANIME, episode: 6, airingAt: inSeconds(14) },
    ]);
    // The first notification is refused as malformed (the welcome message has gone out before); someone then deletes our webhook.
    const webhookId = () => bot.discord.webhooks(bot.server.channelId)[0]!.id;
    await follow(() => bot.discord.failNext(`POST /webhooks/${webhookId()}/:token`, 400, { message: 'Invalid Form Body', code: 50035 }));
    const { get } = await loggedIn();
    const failed = await waitFor(async () => (await logOf(get)).find((entry) => entry.episode === 5 && entry.status === 'failed'));
    expect(failed.statusText).toBe('Failed');
    expect(failed.lastError).toBe('HTTP 400 (50035): Invalid Form Body');
    expect(failed.reason).toBe('Discord found the message malformed (Discord said “Invalid Form Body”, HTTP 400, code 50035).');

    bot.discord.deleteWebhook(webhookId());
    const gone = await waitFor(async () => (await logOf(get)).find((entry) => entry.episode === 6 && entry.status === 'cancelled'), 25_000);
    expect(gone.reason).toBe(
      'The webhook is gone: someone deleted the webhook or its channel (Discord said “Unknown Webhook”, HTTP 404, code 10015). Setting the channel again brings this notification back.',
    );
    expect(notifications()).toEqual([]);

    const firstPage = await get<Log>(`/api/v1/guilds/${bot.server.guildId}/deliveries?limit=1`);
    expect(firstPage.deliveries.map((entry) => entry.episode)).toEqual([6]);
    const secondPage = await get<Log>(`/api/v1/guilds/${bot.server.guildId}/deliveries?limit=1&before=${firstPage.nextBefore}`);
    expect(secondPage).toEqual({ deliveries: [expect.objectContaining({ episode: 5, status: 'failed' })], nextBefore: null });
    const check = await get<ChannelCheck>(`/api/v1/guilds/${bot.server.guildId}/channel-check`);
    expect(check).toMatchObject({ ok: false, webhook: 'gone' });
    expect(check.problems[0]).toMatch(/because Discord said our webhook was gone/);
  }, 60_000);

  it('checks the channel: every permission the bot needs, one taken away by an overwrite or a role, Discord failing, a deleted channel', async () => {
    await start();
    const { get, guild, browser } = await loggedIn();
    expect(await get<ChannelCheck>(`${guild}/channel-check`)).toMatchObject({ ok: false, channel: 'not-set', webhook: 'not-set' });
    await setChannel();
    const fine = await get<ChannelCheck>(`${guild}/channel-check`);
    expect(fine).toEqual({
      channelId: bot.server.channelId,
      channelName: 'anime',
      ok: true,
      channel: 'ok',
      permissions: ['View Channel', 'Send Messages', 'Embed Links', 'Manage Webhooks'].map((name) => ({ name, granted: true })),
      webhook: 'ok',
      problems: [],
    });

    bot.discord.setPermissionOverwrites(bot.server.channelId, [{ id: bot.server.botRoleId, type: 0, allow: '0', deny: String(Permission.EMBED_LINKS) }]);
    const noEmbeds = await get<ChannelCheck>(`${guild}/channel-check`);
    expect(noEmbeds.ok).toBe(false);
    expect(noEmbeds.permissions.filter((permission) => !permission.granted).map((permission) => permission.name)).toEqual(['Embed Links']);
    expect(noEmbeds.problems).toEqual(['AniTrack is missing Embed Links in #anime. Give its role that permission in the channel’s settings.']);

    bot.discord.setPermissionOverwrites(bot.server.channelId, []);
    bot.discord.setRolePermissions(bot.server.guildId, bot.server.botRoleId, String(Permission.EMBED_LINKS));
    const noWebhooks = await get<ChannelCheck>(`${guild}/channel-check`);
    expect(noWebhooks.permissions.filter((permission) => !permission.granted).map((permission) => permission.name)).toEqual(['Manage Webhooks']);
    // The webhook is read with its own token, which needs no permission: it is still there.
    expect(noWebhooks.webhook).toBe('ok');

    // Discord failing (every try of the bot's REST client): the API says so with a reference, the page still shows the rest.
    let discordFails = true;
    const channelRead = ({ method, path }: { method: string; path: string }) =>
      discordFails && method === 'GET' && path.endsWith(`/channels/${bot.server.channelId}`);
    bot.discord.failNext(channelRead, 500, undefined, 1000);
    const failing = await browser.request(`${guild}/channel-check`);
    expect(failing.status).toBe(500);
    expect((await json<{ message: string }>(failing)).message).toMatch(/reference: [0-9a-f]{8}/);
    const page = await browser.request(`/servers/${bot.server.guildId}/deliveries`);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('Discord did not answer the check just now');
    expect(text).toContain('Delivery log');
    discordFails = false;

    bot.discord.deleteChannel(bot.server.channelId);
    expect(await get<ChannelCheck>(`${guild}/channel-check`)).toMatchObject({
      ok: false,
      channel: 'deleted',
      problems: ['The notification channel was deleted. Set the channel again with /anime admin setchannel.'],
    });
  });

  it("sends a test message and reports Discord's answer: sent, too soon, missing permission, webhook gone, rate limited", async () => {
    await start();
    const { post, guild } = await loggedIn();
    const refusedWithoutChannel = await post(`${guild}/test-notification`);
    expect(refusedWithoutChannel.status).toBe(409);
    expect((await json<{ message: string }>(refusedWithoutChannel)).message).toMatch(/no notification channel/);
    await setChannel();
    const webhookId = bot.discord.webhooks(bot.server.channelId)[0]!.id;

    const sent = await post(`${guild}/test-notification`);
    expect(sent.status).toBe(200);
    const answer = await json<TestSend>(sent);
    const arrived = bot.discord.messages(bot.server.channelId).at(-1)!;
    expect(arrived.body.content).toContain('Test from the AniTrack dashboard');
    expect(arrived.body.embeds![0]!.title).toBe('Test from the AniTrack dashboard');
    expect(answer).toEqual({
      outcome: 'sent',
      messageId: arrived.id,
      message: `Sent: Discord posted the test message (message id ${arrived.id}). Look in the channel.`,
      retryAfterSeconds: null,
      discord: { status: 200, code: null, message: null },
    });

    const tooSoon = await post(`${guild}/test-notification`);
    expect(tooSoon.status).toBe(429);
    expect(Number(tooSoon.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await json<{ message: string }>(tooSoon)).message).toMatch(/^A test was just sent to this server\. Wait \d+ seconds/);

    offsetMs += 11_000;
    bot.discord.failNext(`POST /webhooks/${webhookId}/:token`, 403, { message: 'Missing Permissions', code: 50013 });
    const refused = await json<TestSend>(await post(`${guild}/test-notification`));
    expect(refused).toMatchObject({ outcome: 'missing-permission', discord: { status: 403, code: 50013 } });
    expect(refused.message).toContain('AniTrack is missing a permission in the channel');

    offsetMs += 11_000;
    bot.discord.forceRateLimit(`POST /webhooks/${webhookId}/:token`, { retryAfterMs: 30_000 });
    const limited = await json<TestSend>(await post(`${guild}/test-notification`));
    expect(limited).toMatchObject({
      outcome: 'rate-limited',
      retryAfterSeconds: 30,
      message: 'Discord is rate limiting this webhook; try again in 30 seconds.',
    });
    expect(bot.discord.messages(bot.server.channelId).filter((message) => message.body.content?.includes('Test from'))).toHaveLength(1);
  }, 40_000);

  it('reports a deleted webhook as gone, and stops posting to it', async () => {
    await start();
    const { post, get, guild } = await loggedIn();
    await setChannel();
    bot.discord.deleteWebhook(bot.discord.webhooks(bot.server.channelId)[0]!.id);
    const gone = await json<TestSend>(await post(`${guild}/test-notification`));
    expect(gone).toMatchObject({ outcome: 'webhook-gone', discord: { status: 404, code: 10015 } });
    expect(gone.message).toMatch(/^The webhook is gone \(Discord said “Unknown Webhook”, code 10015\)/);
    expect((await bot.store.repositories.guilds.get(bot.server.guildId))?.channelBrokenAt).not.toBeNull();
    offsetMs += 11_000;
    const again = await post(`${guild}/test-notification`);
    expect(again.status).toBe(409);
    expect((await json<{ message: string }>(again)).message).toMatch(/Discord said our webhook was gone/);
    expect((await get<ChannelCheck>(`${guild}/channel-check`)).webhook).toBe('gone');
  });

  it('pauses an anime: nothing is sent for its due episode; resumed, the episode is planned again and arrives', async () => {
    await start([{ id: 1, mediaId: ANIME, episode: 5, airingAt: inSeconds(7) }]);
    await follow();
    const { post, get, guild } = await loggedIn();
    const paused = await post(`${guild}/anime/${ANIME}/pause`);
    expect(paused.status).toBe(200);
    expect(await json(paused)).toMatchObject({ mediaId: ANIME, paused: true, message: expect.stringContaining('gets no notifications until you resume it') });
    expect((await get<{ anime: { mediaId: number; paused: boolean }[] }>(guild)).anime).toEqual([expect.objectContaining({ mediaId: ANIME, paused: true })]);
    expect((await bot.anime(MEMBER, 'list')).content).toContain('(paused)');
    expect(await bot.store.repositories.deliveries.listPending()).toEqual([]);
    expect(await logOf(get)).toEqual([expect.objectContaining({ episode: 5, status: 'cancelled', reason: 'The anime was paused.' })]);
    expect((await get<{ next: unknown }>(`${guild}/preview`)).next).toBeNull();

    // The episode airs while paused; planning again plans nothing for it.
    await new Promise((resolve) => setTimeout(resolve, 8000));
    await bot.app.notifications.plan();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(notifications()).toEqual([]);
    expect(await bot.store.repositories.deliveries.listPending()).toEqual([]);

    const resumed = await post(`${guild}/anime/${ANIME}/resume`);
    expect(await json(resumed)).toMatchObject({ paused: false });
    expect((await bot.anime(MEMBER, 'list')).content).not.toContain('(paused)');
    const [arrived] = await waitFor(async () => (notifications().length > 0 ? notifications() : undefined));
    expect(arrived!.body.embeds![0]!.description).toContain('Episode 5 of 12');
    expect((await post(`${guild}/anime/999999/pause`)).status).toBe(404);
  }, 40_000);

  it('refuses each new route without a CSRF token (403) and for a server the user may not manage (404); the plain forms work without JavaScript', async () => {
    await start();
    await setChannel();
    await bot.anime(ADMIN, 'add', [option.string('anime', String(ANIME))]);
    const admin = await loggedIn();
    const other = bot.addOtherServer();
    const reads = ['deliveries', 'channel-check', 'preview'];
    const changes = ['test-notification', `anime/${ANIME}/pause`, `anime/${ANIME}/resume`];
    for (const change of changes) expect((await admin.post(`${admin.guild}/${change}`, null)).status).toBe(403);
    for (const change of changes) expect((await admin.post(`${admin.guild}/${change}`, 'x'.repeat(43))).status).toBe(403);
    expect((await admin.browser.request(`${admin.guild}/deliveries?limit=500`)).status).toBe(400);

    const member = await loggedIn(MEMBER.id);
    for (const [who, id] of [
      [admin, other.guildId],
      [admin, '199999999999999999'],
      [member, bot.server.guildId],
    ] as const) {
      for (const read of reads) expect((await who.browser.request(`/api/v1/guilds/${id}/${read}`)).status).toBe(404);
      for (const change of changes) expect((await who.post(`/api/v1/guilds/${id}/${change}`)).status).toBe(404);
      expect((await who.browser.request(`/servers/${id}/deliveries`)).status).toBe(404);
      for (const change of ['test-notification', `anime/${ANIME}/pause`]) {
        expect((await who.browser.request(`/servers/${id}/${change}`, { method: 'POST', headers: { 'x-csrf-token': who.csrf } })).status).toBe(404);
      }
    }
    // The pages' forms need the token too.
    for (const change of ['test-notification', `anime/${ANIME}/pause`, `anime/${ANIME}/resume`]) {
      expect((await admin.browser.request(`/servers/${bot.server.guildId}/${change}`, { method: 'POST' })).status).toBe(403);
    }
    expect(bot.discord.messages(bot.server.channelId).filter((message) => message.body.content?.includes('Test from'))).toEqual([]);
    expect((await bot.store.repositories.trackedAnime.get(bot.server.guildId, ANIME))?.pausedAt).toBeNull();

    // Without JavaScript, the forms post their token and are sent back to the page with the answer.
    const form = (url: string) =>
      admin.browser.request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf: admin.csrf }).toString(),
      });
    const pausedByForm = await form(`/servers/${bot.server.guildId}/anime/${ANIME}/pause`);
    expect(pausedByForm.status).toBe(303);
    expect(new URL(pausedByForm.headers.get('location')!, bot.address).searchParams.get('notice')).toMatch(/^Paused "/);
    expect((await bot.store.repositories.trackedAnime.get(bot.server.guildId, ANIME))?.pausedAt).not.toBeNull();
    const testByForm = await form(`/servers/${bot.server.guildId}/test-notification`);
    expect(testByForm.status).toBe(303);
    const back = new URL(testByForm.headers.get('location')!, bot.address);
    expect(back.pathname).toBe(`/servers/${bot.server.guildId}/deliveries`);
    expect(back.searchParams.get('notice')).toMatch(/^Sent: Discord posted the test message/);
    expect(await (await admin.browser.request(`${back.pathname}${back.search}`)).text()).toContain('Sent: Discord posted the test message');

    const document = await json<{ paths: Record<string, Record<string, { parameters: { name: string; in: string }[] }>> }>(
      await admin.browser.request('/api/v1/openapi.json'),
    );
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/guilds/{id}/deliveries',
        '/api/v1/guilds/{id}/channel-check',
        '/api/v1/guilds/{id}/preview',
        '/api/v1/guilds/{id}/test-notification',
        '/api/v1/guilds/{id}/anime/{mediaId}/pause',
        '/api/v1/guilds/{id}/anime/{mediaId}/resume',
      ]),
    );
    expect(document.paths['/api/v1/guilds/{id}/deliveries']!.get!.parameters.map((parameter) => `${parameter.in} ${parameter.name}`)).toEqual([
      'path id',
      'query before',
      'query limit',
    ]);
  });
});
