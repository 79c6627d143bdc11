// The Discord REST proxy against the local Discord: Discord's answers come back as they would
// directly (statuses and error bodies), a 429 is waited out by the proxy instead of reaching
// the caller, and two clients that together ask for more than the bot's 50 a second are queued
// by it into Discord's limit, where the same clients straight to Discord run into 429s.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeDiscord, Permission, type FakeDiscord } from '@anitrack/discord-emulator';
import { createDiscordRest } from '../../src/discord/rest.ts';
import { REST_PROXY_USER_AGENT, startRestProxy, type RestProxy } from '../../src/discord/rest-proxy.ts';
import { createLogger } from '../../src/logger.ts';

const OWNER_ID = '700000000000000001';
const CHANNELS = 12;

describe('the Discord REST proxy', () => {
  let discord: FakeDiscord;
  let apiUrl: string;
  let proxy: RestProxy;
  let guildId: string;
  let channelIds: string[];
  let lockedId: string;
  beforeEach(async () => {
    discord = createFakeDiscord();
    ({ apiUrl } = await discord.start());
    const botRole = { id: '130000000000000001', name: 'AniTrack', permissions: String(Permission.VIEW_CHANNEL | Permission.MANAGE_WEBHOOKS) };
    const added = discord.addGuild({
      ownerId: OWNER_ID,
      roles: [{ name: '@everyone', permissions: String(Permission.VIEW_CHANNEL) }, botRole],
      channels: [
        ...Array.from({ length: CHANNELS }, (_, index) => ({ name: `anime-${index}` })),
        { name: 'locked', permissionOverwrites: [{ id: botRole.id, type: 0 as const, allow: '0', deny: String(Permission.MANAGE_WEBHOOKS) }] },
      ],
      bot: { roles: [botRole.id] },
    });
    guildId = added.guildId;
    channelIds = added.channelIds.slice(0, CHANNELS);
    lockedId = added.channelIds[CHANNELS]!;
    proxy = await startRestProxy({ apiUrl, host: '127.0.0.1', port: 0, logger: createLogger({ level: 'silent' }) });
  });
  afterEach(async () => {
    await proxy.close();
    await discord.close();
  });

  const bot = () => ({ authorization: `Bot ${discord.botToken}` });
  const json = { 'content-type': 'application/json' };
  const raw = async (base: string, method: string, path: string, headers: Record<string, string>, body?: unknown) => {
    const response = await fetch(`${base}/v10${path}`, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown), headers: response.headers };
  };
  const rateLimitHeaders = (headers: Headers) => [...headers.keys()].filter((name) => name.startsWith('x-ratelimit') || name === 'retry-after');

  it("answers with Discord's statuses and bodies, successes and refusals alike", async () => {
    const cases: [string, string, Record<string, string>, unknown?][] = [
      ['GET', `/guilds/${guildId}/channels`, bot()],
      ['GET', '/channels/199999999999999999', bot()],
      ['POST', `/channels/${lockedId}/webhooks`, { ...bot(), ...json }, { name: 'AniTrack' }],
      ['POST', `/channels/${channelIds[0]}/webhooks`, { ...bot(), ...json }, { name: '' }],
      ['GET', `/guilds/${guildId}/channels`, { authorization: 'Bot not-the-token' }],
      ['GET', `/guilds/${guildId}/channels`, {}],
    ];
    for (const [method, path, headers, body] of cases) {
      const direct = await raw(apiUrl, method, path, headers, body);
      const proxied = await raw(`${proxy.address}/api`, method, path, headers, body);
      expect({ path, status: proxied.status, body: proxied.body }).toEqual({ path, status: direct.status, body: direct.body });
    }
    const statuses = discord
      .requests()
      .filter((request) => request.headers['user-agent']?.includes(REST_PROXY_USER_AGENT))
      .map((request) => request.status);
    expect(statuses).toEqual([200, 404, 403, 400, 401, 401]);

    // A success has Discord's bucket headers directly; the proxy keeps them to itself, since it
    // is the one that paces by them (its callers must not pace a second time).
    expect(rateLimitHeaders((await raw(apiUrl, 'GET', `/guilds/${guildId}/channels`, bot())).headers)).not.toEqual([]);
    expect(rateLimitHeaders((await raw(`${proxy.address}/api`, 'GET', `/guilds/${guildId}/channels`, bot())).headers)).toEqual([]);
  });

  it("waits out Discord's 429 (a bucket's or the global one) and then answers, where a direct caller gets the 429", async () => {
    const route = `/channels/${channelIds[0]}`;
    discord.forceRateLimit(`GET ${route}`, { retryAfterMs: 1000 });
    const direct = await raw(apiUrl, 'GET', route, bot());
    expect(direct.status).toBe(429);
    expect(direct.body).toEqual({ message: 'You are being rate limited.', retry_after: 1, global: false });
    expect(direct.headers.get('retry-after')).toBe('1');
    expect(direct.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(direct.headers.get('x-ratelimit-scope')).toBe('user');

    for (const global of [false, true]) {
      discord.forceRateLimit(`GET ${route}`, { retryAfterMs: 800, global });
      const started = Date.now();
      const proxied = await raw(`${proxy.address}/api`, 'GET', route, bot());
      expect(proxied.status).toBe(200);
      expect(proxied.body).toMatchObject({ id: channelIds[0] });
      expect(Date.now() - started).toBeGreaterThanOrEqual(700);
    }
    const seenByDiscord = discord
      .requests()
      .filter((request) => request.headers['user-agent']?.includes(REST_PROXY_USER_AGENT))
      .map((request) => request.status);
    expect(seenByDiscord).toEqual([429, 200, 429, 200]);
  });

  it('sends a request again with its whole body after a 429 (waited out here) or a 5xx (retried by the caller)', async () => {
    const { api } = createDiscordRest({ apiUrl, botToken: discord.botToken, proxyUrl: `${proxy.address}/api` });
    discord.forceRateLimit('POST /channels/:channelId/webhooks', { retryAfterMs: 300 });
    expect((await api.channels.createWebhook(channelIds[0]!, { name: 'After a 429' })).name).toBe('After a 429');
    discord.failNext('POST /channels/:channelId/webhooks', 502);
    expect((await api.channels.createWebhook(channelIds[1]!, { name: 'After a 502' })).name).toBe('After a 502');
    expect(discord.requests().map((request) => [request.status, request.body])).toEqual([
      [429, { name: 'After a 429' }],
      [200, { name: 'After a 429' }],
      [502, { name: 'After a 502' }],
      [200, { name: 'After a 502' }],
    ]);
  });

  it('answers 502 when Discord cannot be reached, rather than an empty success', async () => {
    const nowhere = await startRestProxy({ apiUrl: 'http://127.0.0.1:9/api', host: '127.0.0.1', port: 0, logger: createLogger({ level: 'silent' }) });
    try {
      const answer = await raw(`${nowhere.address}/api`, 'GET', `/guilds/${guildId}/channels`, bot());
      expect(answer.status).toBe(502);
    } finally {
      await nowhere.close();
    }
  });

  // 120 requests spread over 12 channels, so no channel's own bucket (50 a second) is reached:
  // only the bot's global 50 a second can refuse them.
  const sendFromTwoClients = async (proxyUrl: string | undefined) => {
    const clients = [0, 1].map(() => createDiscordRest({ apiUrl, botToken: discord.botToken, proxyUrl }));
    const sends = Array.from({ length: 120 }, (_, index) => clients[index % 2]!.api.channels.get(channelIds[index % CHANNELS]!));
    const answers = await Promise.all(sends);
    return answers.map((channel) => channel.id);
  };

  it('keeps two clients together within the bot’s 50 requests a second: no 429 from Discord', async () => {
    const started = Date.now();
    const ids = await sendFromTwoClients(`${proxy.address}/api`);
    expect(ids).toHaveLength(120);
    expect(discord.counts()).toMatchObject({ requests: 120, tooManyRequests: 0 });
    expect(discord.requests().every((request) => request.headers['user-agent']?.includes(REST_PROXY_USER_AGENT))).toBe(true);
    expect(proxy.forwarded()).toBe(120);
    // 50, 50 and 20: the third window opens two seconds after the first.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
  });

  it('without it, the same two clients exceed the global limit and Discord answers 429s', async () => {
    const ids = await sendFromTwoClients(undefined);
    expect(ids).toHaveLength(120);
    expect(discord.counts().tooManyRequests).toBeGreaterThan(0);
  });
});
