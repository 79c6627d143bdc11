// My data on the dashboard, as /debug does it in Discord: the export, and deleting everything
// about the member, which ends every dashboard login and revokes it at Discord. On both
// databases, over real HTTP; asserted is what the member gets back, what the local Discord
// recorded, and what is left in the database.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { weeklyAirings } from '@anitrack/anilist-emulator';
import { ADMIN, MOD, option, OWNER, startBot, type BotHarness } from '../support/bot-harness.ts';
import { dumpAllTables, registeredRowsFor } from '../support/dump.ts';
import { DIALECTS } from '../support/stores.ts';
import { FRIEREN_2, SEASON, WITCH_HAT } from '../catalogue/anime-fixtures.ts';
import { json, webClient, type WebClient } from './web-client.ts';

interface Exported {
  userId: string;
  subscriptions: { guildId: string; anilistId: number }[];
  animeAdded: { guildId: string; anilistId: number; nickname: string }[];
  dashboardLogins: { username: string; startedAt: string; expiresAt: string }[];
  configurationChanges: { guildId: string; source: string; action: string; details: Record<string, unknown> }[];
}

describe.each(DIALECTS)('My data on the dashboard on %s', (dialect) => {
  let bot: BotHarness;
  const loggedIn = async (userId: string) => {
    const browser = webClient(bot.address, bot.discord);
    expect((await browser.login(userId)).status).toBe(303);
    const me = await json<{ csrfToken: string }>(await browser.request('/api/v1/me'));
    return { browser, csrf: me.csrfToken };
  };
  const deleteRequest = (browser: WebClient, csrf: string | null) =>
    browser.request('/api/v1/me/data/delete', { method: 'POST', headers: csrf === null ? {} : { 'x-csrf-token': csrf } });
  const adminGrants = () =>
    bot.discord
      .oauthAuthorizations()
      .filter((grant) => grant.userId === ADMIN.id)
      .map((grant) => grant.status);

  beforeEach(async () => {
    const now = Math.floor(Date.now() / 1000);
    bot = await startBot(dialect, {
      dashboard: true,
      media: [...SEASON],
      airings: SEASON.flatMap((media) => weeklyAirings(media.id, now + 86_400, 2)),
    });
    await bot.anime(ADMIN, 'admin setchannel', [option.channel('channel', bot.server.channelId)]);
    await bot.anime(ADMIN, 'add', [option.string('anime', String(FRIEREN_2)), option.string('nickname', 'frieren')]);
    await bot.anime(MOD, 'add', [option.string('anime', String(WITCH_HAT))]);
    for (const anime of [FRIEREN_2, WITCH_HAT]) await bot.anime(ADMIN, 'subscribe', [option.string('anime', String(anime))]);
    await bot.anime(MOD, 'subscribe', [option.string('anime', String(FRIEREN_2))]);
  });
  afterEach(async () => {
    await bot.close();
  });

  it('exports my subscriptions, the anime I added, my changes and my dashboard logins, without their tokens', async () => {
    const first = await loggedIn(ADMIN.id);
    await loggedIn(ADMIN.id); // a second login, in another browser
    const answer = await first.browser.request('/api/v1/me/data');
    expect(answer.status).toBe(200);
    const exported = await json<Exported>(answer);
    expect(exported.userId).toBe(ADMIN.id);
    expect(exported.subscriptions.map((item) => [item.guildId, item.anilistId]).sort()).toEqual(
      [
        [bot.server.guildId, FRIEREN_2],
        [bot.server.guildId, WITCH_HAT],
      ].sort(),
    );
    expect(exported.animeAdded).toEqual([expect.objectContaining({ guildId: bot.server.guildId, anilistId: FRIEREN_2, nickname: 'frieren' })]);
    expect(exported.configurationChanges.map((change) => [change.source, change.action])).toEqual([
      ['discord', 'channel.set'],
      ['discord', 'anime.add'],
    ]);
    expect(exported.dashboardLogins).toHaveLength(2);
    expect(exported.dashboardLogins[0]).toEqual({ username: ADMIN.username, startedAt: expect.any(String), expiresAt: expect.any(String) });
    // Tokens and ids of sessions stay ours: not one is in the export.
    const text = JSON.stringify(exported);
    expect(text).not.toMatch(/token|csrf|idHash/i);

    const page = await (await first.browser.request('/me/data')).text();
    expect(page).toContain(`href="/api/v1/me/data" download="anitrack-data-${ADMIN.id}.json"`);
    expect(page).toContain('2 subscriptions to anime, in 1 server');
    expect(page).toContain('2 open dashboard logins');
    expect(page).toContain('<a href="/me/data">My data</a>');
  });

  it('deletes my data after a CSRF-checked request, ends every login of mine, and Discord shows them revoked', async () => {
    const first = await loggedIn(ADMIN.id);
    const second = await loggedIn(ADMIN.id);
    const other = await loggedIn(MOD.id);
    expect(adminGrants()).toEqual(['active', 'active']);

    expect((await deleteRequest(first.browser, null)).status).toBe(403);
    expect((await deleteRequest(first.browser, other.csrf)).status).toBe(403);
    expect((await json<Exported>(await first.browser.request('/api/v1/me/data'))).subscriptions).toHaveLength(2);

    const deleted = await deleteRequest(first.browser, first.csrf);
    expect(deleted.status).toBe(200);
    expect(await json(deleted)).toEqual({
      deleted: { subscriptions: 2, attributions: 1, ownerships: 0, auditEntries: 2, sessions: 2, patreonLink: false, premiumServer: false, patreonMembers: 0 },
      message: "Deleted 2 subscriptions, removed your name from 1 anime you added and from 2 changes in servers' audit logs, and ended 2 dashboard logins.",
    });
    for (const browser of [first.browser, second.browser]) expect((await browser.request('/api/v1/me')).status).toBe(401);
    expect(adminGrants()).toEqual(['revoked', 'revoked']);
    expect(await bot.store.repositories.subscriptions.subscribers(bot.server.guildId, FRIEREN_2)).toEqual([MOD.id]);
    // Nothing anywhere names me any more; the others' data stays.
    expect(await dumpAllTables(bot.store.database, { except: ['kysely_migration', 'kysely_migration_lock'] })).not.toContain(ADMIN.id);
    expect(await registeredRowsFor(bot.store.database, { userId: ADMIN.id })).toEqual([]);
    expect((await other.browser.request('/api/v1/me')).status).toBe(200);

    // The server keeps its history of changes, without my name.
    const owner = await loggedIn(OWNER.id);
    const log = await json<{ entries: { userId: string | null; action: string }[] }>(
      await owner.browser.request(`/api/v1/guilds/${bot.server.guildId}/audit-log`),
    );
    expect(log.entries.map((entry) => [entry.userId, entry.action])).toEqual([
      [MOD.id, 'anime.add'],
      [null, 'anime.add'],
      [null, 'channel.set'],
    ]);
    expect(await (await owner.browser.request(`/servers/${bot.server.guildId}/audit`)).text()).toContain('a member who deleted their data');
  });

  it('asks before deleting on the page, and the plain form needs its CSRF token', async () => {
    const { browser, csrf } = await loggedIn(ADMIN.id);
    const asked = await (await browser.request('/me/data/delete')).text();
    expect(asked).toContain('Delete my data?');
    expect(asked).toContain(`<input type="hidden" name="csrf" value="${csrf}">`);
    // Looking at the question deleted nothing.
    expect((await json<Exported>(await browser.request('/api/v1/me/data'))).subscriptions).toHaveLength(2);

    const form = (body: string) =>
      browser.request('/me/data/delete', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect((await form('')).status).toBe(403);
    expect((await form('csrf=wrong')).status).toBe(403);
    const done = await form(`csrf=${encodeURIComponent(csrf)}`);
    expect(done.status).toBe(200);
    const text = await done.text();
    expect(text).toContain('Your data is deleted');
    expect(text).toContain('Deleted 2 subscriptions');
    expect(browser.cookies.has('anitrack_session')).toBe(false);
    expect(adminGrants()).toEqual(['revoked']);
    expect(await bot.store.repositories.subscriptions.mediaForMember(bot.server.guildId, ADMIN.id)).toEqual([]);
    // Without a login, the pages send the browser to log in.
    expect((await browser.request('/me/data')).headers.get('location')).toBe('/auth/discord/login?next=%2Fme%2Fdata');
  });
});
