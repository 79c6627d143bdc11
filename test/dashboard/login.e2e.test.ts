// Login with Discord and the /api/v1 API, against the local Discord's OAuth2: the whole product
// on both databases, over real HTTP. What is asserted is what a browser or a script gets back
// (status codes, locations, cookies, bodies), what the local Discord recorded, and what slash
// commands show afterwards.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { weeklyAirings } from '@anitrack/anilist-emulator';
import { ADMIN, MEMBER, startBot, type BotHarness } from '../support/bot-harness.ts';
import { DIALECTS } from '../support/stores.ts';
import { FRIEREN_2, SEASON } from '../catalogue/anime-fixtures.ts';
import { json, webClient, type WebClient } from './web-client.ts';

const SESSION_COOKIE = 'anitrack_session';
const STATE_COOKIE = 'oauth2-redirect-state';
const VERIFIER_COOKIE = 'oauth2-code-verifier';

describe.each(DIALECTS)('Login with Discord and the dashboard API on %s', (dialect) => {
  let bot: BotHarness;
  let offsetMs = 0;
  const client = (): WebClient => webClient(bot.address, bot.discord);
  const loggedIn = async (userId: string) => {
    const browser = client();
    const { status } = await browser.login(userId);
    expect(status).toBe(303);
    const me = await json<{ csrfToken: string }>(await browser.request('/api/v1/me'));
    return { browser, csrf: me.csrfToken };
  };

  beforeEach(async () => {
    offsetMs = 0;
    const now = Math.floor(Date.now() / 1000);
    bot = await startBot(dialect, {
      dashboard: true,
      media: [...SEASON],
      airings: SEASON.flatMap((media) => weeklyAirings(media.id, now + 86_400, 2)),
      clock: { now: () => Date.now() + offsetMs },
    });
  });
  afterEach(async () => {
    await bot.close();
  });

  it('logs in with PKCE and a state, starts a session with a fresh id, and shows only the servers the user may manage', async () => {
    const browser = client();
    browser.cookies.set(SESSION_COOKIE, 'a'.repeat(43)); // a fixated id is never taken over
    const start = await browser.request('/auth/discord/login?next=/servers');
    const consent = new URL(start.headers.get('location')!);
    expect(consent.searchParams.get('code_challenge_method')).toBe('S256');
    expect(consent.searchParams.get('scope')).toBe('identify guilds');
    expect(consent.searchParams.get('state')).toBe(browser.cookies.get(STATE_COOKIE));
    const callback = await browser.request(bot.discord.approveOAuth(consent.toString(), ADMIN.id));
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/servers');
    const setCookie = callback.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(browser.cookies.get(SESSION_COOKIE)).not.toBe('a'.repeat(43));
    expect(browser.cookies.has(STATE_COOKIE)).toBe(false);

    const me = await json<{ user: { id: string }; csrfToken: string; guilds: { id: string; name: string; canManage: boolean; botPresent: boolean }[] }>(
      await browser.request('/api/v1/me'),
    );
    expect(me.user.id).toBe(ADMIN.id);
    expect(me.csrfToken).toMatch(/^[\w-]{43}$/);
    expect(me.guilds).toEqual([{ id: bot.server.guildId, name: 'Anime Club', icon: null, canManage: true, botPresent: true }]);

    const member = await loggedIn(MEMBER.id);
    const theirs = await json<{ guilds: { canManage: boolean }[] }>(await member.browser.request('/api/v1/me'));
    expect(theirs.guilds.map((guild) => guild.canManage)).toEqual([false]);
    expect((await member.browser.request(`/api/v1/guilds/${bot.server.guildId}`)).status).toBe(404);
    expect((await client().request('/api/v1/me')).status).toBe(401);
  });

  it('refuses a forged state, a missing PKCE verifier and a replayed code, and never redirects off the site', async () => {
    const forged = client();
    const start = await forged.request('/auth/discord/login');
    const callback = new URL(bot.discord.approveOAuth(start.headers.get('location')!, ADMIN.id));
    callback.searchParams.set('state', 'forged-state');
    const refused = await forged.request(callback.toString());
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Login failed');
    expect(forged.cookies.has(SESSION_COOKIE)).toBe(false);

    const noVerifier = client();
    const again = await noVerifier.request('/auth/discord/login');
    const code = bot.discord.approveOAuth(again.headers.get('location')!, ADMIN.id);
    noVerifier.cookies.delete(VERIFIER_COOKIE);
    expect((await noVerifier.request(code)).status).toBe(400);
    expect(noVerifier.cookies.has(SESSION_COOKIE)).toBe(false);

    const first = client();
    const third = await first.request('/auth/discord/login');
    const replayable = bot.discord.approveOAuth(third.headers.get('location')!, ADMIN.id);
    const attacker = first.copy();
    expect((await first.request(replayable)).status).toBe(303);
    expect((await attacker.request(replayable)).status).toBe(400);
    expect(attacker.cookies.has(SESSION_COOKIE)).toBe(false);
    // Discord revoked what the code gave once it was replayed: the first session is over too.
    expect(bot.discord.oauthAuthorizations().some((grant) => grant.revokedBecause === 'code replayed')).toBe(true);
    expect((await first.request('/api/v1/me')).status).toBe(401);

    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      expect((await client().login(ADMIN.id, next)).location).toBe('/servers');
    }
    expect((await client().login(ADMIN.id, '/servers/123?tab=log')).location).toBe('/servers/123?tab=log');
  });

  it('changes a server through the API, seen by slash commands; refuses another server, a missing CSRF token and bad input', async () => {
    const { browser, csrf } = await loggedIn(ADMIN.id);
    const guild = `/api/v1/guilds/${bot.server.guildId}`;
    const post = (url: string, body: unknown, token: string | null = csrf) =>
      browser.request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token && { 'x-csrf-token': token }) },
        body: JSON.stringify(body),
      });

    expect((await post(`${guild}/anime`, { mediaId: FRIEREN_2 }, null)).status).toBe(403);
    expect((await post(`${guild}/anime`, { mediaId: FRIEREN_2 }, 'x'.repeat(43))).status).toBe(403);
    const bad = await post(`${guild}/anime`, { mediaId: 'frieren' });
    expect(bad.status).toBe(400);
    expect((await json<{ message: string }>(bad)).message).toContain('mediaId');

    const added = await post(`${guild}/anime`, { mediaId: FRIEREN_2, nickname: 'frieren' });
    expect(added.status).toBe(201);
    expect(await json(added)).toMatchObject({ mediaId: FRIEREN_2, nickname: 'frieren' });
    expect((await bot.anime(MEMBER, 'list')).content).toContain('frieren');
    const twice = await post(`${guild}/anime`, { mediaId: FRIEREN_2 });
    expect(twice.status).toBe(422);
    expect((await json<{ message: string }>(twice)).message).toBe('That anime is already on this server\'s list as "frieren".');

    const patch = (nickname: unknown) =>
      browser.request(`${guild}/anime/${FRIEREN_2}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ nickname }),
      });
    const renamed = await patch('sousou');
    expect(renamed.status).toBe(200);
    expect(await json(renamed)).toMatchObject({ mediaId: FRIEREN_2, nickname: 'sousou' });
    expect((await bot.anime(MEMBER, 'list')).content).toContain('sousou');
    expect((await patch('bad`name')).status).toBe(422);
    expect((await patch('')).status).toBe(400);
    expect((await patch('frieren')).status).toBe(200);

    const view = await json<{ channelId: string | null; anime: { mediaId: number; nickname: string; nextEpisode: unknown }[] }>(await browser.request(guild));
    expect(view.anime).toEqual([expect.objectContaining({ mediaId: FRIEREN_2, nickname: 'frieren', nextEpisode: expect.objectContaining({ episode: 1 }) })]);

    // Another server the admin is not in, and one that does not exist, answer alike.
    const other = bot.addOtherServer();
    for (const id of [other.guildId, '199999999999999999']) {
      expect((await browser.request(`/api/v1/guilds/${id}`)).status).toBe(404);
      expect((await post(`/api/v1/guilds/${id}/anime`, { mediaId: FRIEREN_2 })).status).toBe(404);
    }

    const removed = await browser.request(`${guild}/anime/${FRIEREN_2}`, { method: 'DELETE', headers: { 'x-csrf-token': csrf } });
    expect(removed.status).toBe(204);
    expect((await bot.anime(MEMBER, 'list')).content).not.toContain('frieren');
    expect((await browser.request(`${guild}/anime/${FRIEREN_2}`, { method: 'DELETE', headers: { 'x-csrf-token': csrf } })).status).toBe(404);
  });

  it('refuses a member who lost Manage Server within a minute, refreshes expired tokens, and revokes at logout', async () => {
    const { browser, csrf } = await loggedIn(ADMIN.id);
    const guild = `/api/v1/guilds/${bot.server.guildId}`;
    expect((await browser.request(guild)).status).toBe(200);
    bot.discord.setMemberRoles(bot.server.guildId, ADMIN.id, []);
    offsetMs = 61_000;
    expect((await browser.request(guild)).status).toBe(404);

    bot.discord.expireOAuthTokens(ADMIN.id);
    offsetMs = 122_000;
    expect((await browser.request('/api/v1/me')).status).toBe(200);
    expect(bot.discord.oauthAuthorizations().find((grant) => grant.userId === ADMIN.id && grant.status === 'active')?.refreshes).toBe(1);

    expect((await browser.request('/auth/logout', { method: 'POST' })).status).toBe(403);
    const out = await browser.request('/auth/logout', { method: 'POST', headers: { 'x-csrf-token': csrf } });
    expect(out.status).toBe(303);
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(
      bot.discord
        .oauthAuthorizations()
        .filter((grant) => grant.userId === ADMIN.id)
        .map((grant) => grant.status),
    ).toEqual(['revoked']);
    expect(await bot.store.repositories.sessions.forUser(ADMIN.id)).toEqual([]);
  });

  it('sends strict security headers on its pages and limits login attempts per address', async () => {
    const { browser } = await loggedIn(ADMIN.id);
    const page = await browser.request(`/servers/${bot.server.guildId}`);
    expect(page.status).toBe(200);
    const policy = page.headers.get('content-security-policy')!;
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-inline');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(await page.text()).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);

    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++) statuses.push((await client().request('/auth/discord/login')).status);
    expect(statuses.slice(0, 9).every((status) => status === 302)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('describes the API in an OpenAPI document', async () => {
    const document = await json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(await client().request('/api/v1/openapi.json'));
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual([
      '/api/v1/me',
      '/api/v1/guilds/{id}',
      '/api/v1/guilds/{id}/anime',
      '/api/v1/guilds/{id}/anime/{mediaId}',
      '/api/v1/guilds/{id}/channels',
      '/api/v1/guilds/{id}/channel',
      '/api/v1/guilds/{id}/settings',
      '/api/v1/guilds/{id}/roles',
      '/api/v1/guilds/{id}/locks',
      '/api/v1/guilds/{id}/schedule',
      '/api/v1/guilds/{id}/audit-log',
      '/api/v1/me/data',
      '/api/v1/me/data/delete',
      '/api/v1/guilds/{id}/deliveries',
      '/api/v1/guilds/{id}/channel-check',
      '/api/v1/guilds/{id}/preview',
      '/api/v1/guilds/{id}/test-notification',
      '/api/v1/guilds/{id}/anime/{mediaId}/pause',
      '/api/v1/guilds/{id}/anime/{mediaId}/resume',
      '/api/v1/billing',
      '/api/v1/billing/assignment',
    ]);
    expect(Object.keys(document.paths['/api/v1/billing/assignment']!)).toEqual(['put', 'delete']);
    expect(Object.keys(document.paths['/api/v1/guilds/{id}/locks']!)).toEqual(['get', 'put', 'delete']);
    const schedule = document.paths['/api/v1/guilds/{id}/schedule']!.get as { parameters: { name: string; in: string; required: boolean }[] };
    expect(schedule.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
      expect.objectContaining({ name: 'days', in: 'query', required: false }),
    ]);
    const auditLog = document.paths['/api/v1/guilds/{id}/audit-log']!.get as { parameters: { name: string; in: string }[] };
    expect(auditLog.parameters.map((parameter) => `${parameter.in}:${parameter.name}`)).toEqual(['path:id', 'query:before', 'query:limit']);
    expect(Object.keys(document.paths['/api/v1/guilds/{id}/anime']!)).toEqual(['post']);
  });
});
