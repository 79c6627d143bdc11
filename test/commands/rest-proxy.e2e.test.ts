// The whole product with DISCORD_REST_PROXY_URL: every request made with the bot's token (a
// webhook created by setchannel, the dashboard's reads of a server, the gateway's
// /gateway/bot) reaches the local Discord through the REST proxy, while what needs no token
// (interaction answers, the welcome message through the new webhook) goes to Discord directly.
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '@anitrack/discord-emulator';
import { REST_PROXY_USER_AGENT } from '../../src/discord/rest-proxy.ts';
import { ADMIN, MEMBER, option, startBot, type BotHarness } from '../support/bot-harness.ts';
import { waitFor } from '../support/cli.ts';
import { DIALECTS } from '../support/stores.ts';
import { webClient } from '../dashboard/web-client.ts';
import { commandFixtures, FRIEREN } from './fixtures.ts';

const viaProxy = (request: RecordedRequest) => request.headers['user-agent']?.includes(REST_PROXY_USER_AGENT) === true;
const withBotToken = (request: RecordedRequest) => request.headers.authorization === 'Bot [redacted]';

/** The routes that reached the local Discord since `from`, split by how they came. */
function routesSince(bot: BotHarness, from: number) {
  const requests = bot.discord.requests().slice(from);
  const routes = (list: RecordedRequest[]) => [...new Set(list.map((request) => request.route))].sort();
  return {
    botToken: requests.filter(withBotToken),
    proxiedRoutes: routes(requests.filter(viaProxy)),
    directRoutes: routes(requests.filter((request) => !viaProxy(request))),
  };
}

describe.each(DIALECTS)('the bot with its token requests through the REST proxy on %s', (dialect) => {
  let bot: BotHarness;
  afterEach(async () => {
    await bot.close();
  });

  it("creates setchannel's webhook and reads the dashboard's server through the proxy; interaction answers and webhook posts go straight to Discord", async () => {
    bot = await startBot(dialect, { ...commandFixtures(), restProxy: true, dashboard: true });
    const startedAt = bot.discord.requests().length;
    const answer = await bot.anime(ADMIN, 'admin setchannel', [option.channel('channel', bot.server.channelId)]);
    expect(answer.content).toBe(`Notifications will be posted in <#${bot.server.channelId}>. I sent a welcome message there.`);
    expect(bot.discord.webhooks(bot.server.channelId)).toHaveLength(1);
    expect(bot.discord.messages(bot.server.channelId).map((message) => message.body.content)).toEqual([expect.stringContaining('AniTrack will post here')]);

    const command = routesSince(bot, startedAt);
    expect(command.proxiedRoutes).toContain('POST /channels/:channelId/webhooks');
    expect(command.botToken.length).toBeGreaterThan(0);
    expect(command.botToken.every(viaProxy)).toBe(true);
    expect(command.directRoutes).toContain('POST /webhooks/:webhookId/:token');
    expect(command.proxiedRoutes).not.toContain('POST /webhooks/:webhookId/:token');

    const browser = webClient(bot.address, bot.discord);
    expect((await browser.login(ADMIN.id)).status).toBe(303);
    const beforeDashboard = bot.discord.requests().length;
    const channels = await browser.request(`/api/v1/guilds/${bot.server.guildId}/channels`);
    expect(channels.status).toBe(200);
    expect(((await channels.json()) as { channels: { name: string }[] }).channels.map((channel) => channel.name)).toEqual(['anime', 'general']);
    const dashboard = routesSince(bot, beforeDashboard);
    expect(dashboard.proxiedRoutes).toContain('GET /guilds/:guildId/channels');
    expect(dashboard.botToken.every(viaProxy)).toBe(true);
    // The member's own OAuth2 requests (their server list) are theirs, not the bot's.
    expect(bot.discord.requests().filter((request) => request.route === 'GET /users/@me/guilds' && viaProxy(request))).toEqual([]);

    // Counted at the proxy too: what it forwarded is what Discord saw from it.
    expect(bot.restProxy!.forwarded()).toBe(bot.discord.requests().filter(viaProxy).length);
    expect(bot.discord.counts().tooManyRequests).toBe(0);
  });
});

describe('the gateway with its token requests through the REST proxy', () => {
  let bot: BotHarness;
  afterEach(async () => {
    await bot.close();
  });

  it('asks for /gateway/bot through the proxy and answers a command over the gateway', async () => {
    bot = await startBot('sqlite', { ...commandFixtures(), mode: 'gateway', restProxy: true });
    await waitFor(async () => (bot.discord.gateway.connected() > 0 ? true : undefined));
    const added = await bot.anime(MEMBER, 'add', [option.string('anime', String(FRIEREN))]);
    expect(added.content).toContain("Added **Sousou no Frieren** to this server's list as `Frieren`.");
    const all = routesSince(bot, 0);
    expect(all.proxiedRoutes).toContain('GET /gateway/bot');
    expect(all.botToken.every(viaProxy)).toBe(true);
    expect(all.directRoutes).toContain('POST /interactions/:interactionId/:token/callback');
  });
});
