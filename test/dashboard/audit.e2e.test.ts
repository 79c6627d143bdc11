// The audit log of configuration changes: changes made with slash commands and on the
// dashboard, on both databases, over real HTTP, read back through GET
// /api/v1/guilds/:id/audit-log and its page. What is asserted is what a manager sees.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { weeklyAirings } from '@anitrack/anilist-emulator';
import { ADMIN, MEMBER, option, OWNER, startBot, type Answer, type BotHarness } from '../support/bot-harness.ts';
import { DIALECTS } from '../support/stores.ts';
import { DR_STONE, FRIEREN_2, KAIJU_8_2, SEASON, WITCH_HAT } from '../catalogue/anime-fixtures.ts';
import { json, webClient } from './web-client.ts';

const DAY = 24 * 3_600_000;

interface Entry {
  id: number;
  at: string;
  userId: string | null;
  source: 'discord' | 'dashboard';
  action: string;
  details: Record<string, unknown>;
  summary: string;
}
interface AuditLog {
  entries: Entry[];
  next: number | null;
}

describe.each(DIALECTS)('the audit log on %s', (dialect) => {
  let bot: BotHarness;
  let offsetMs = 0;
  const loggedIn = async (userId: string) => {
    const browser = webClient(bot.address, bot.discord);
    expect((await browser.login(userId)).status).toBe(303);
    const me = await json<{ csrfToken: string }>(await browser.request('/api/v1/me'));
    return { browser, csrf: me.csrfToken };
  };
  const auditUrl = () => `/api/v1/guilds/${bot.server.guildId}/audit-log`;
  const storedEntries = async () => JSON.stringify((await sql`select * from audit_log`.execute(bot.store.database.db)).rows);
  const ok = (answer: Answer) => {
    // A refusal would also be an answer: each change must have gone through.
    expect(answer.content).not.toMatch(/can't|cannot|not on this server|only/i);
    return answer;
  };

  beforeEach(async () => {
    offsetMs = 0;
    const now = Math.floor(Date.now() / 1000);
    bot = await startBot(dialect, {
      dashboard: true,
      media: [...SEASON],
      airings: SEASON.flatMap((media) => weeklyAirings(media.id, now + 86_400, 2)),
      clock: { now: () => Date.now() + offsetMs },
      settings: { AUDIT_LOG_DAYS: '2' },
    });
  });
  afterEach(async () => {
    await bot.close();
  });

  it('shows changes from slash commands and from the dashboard, newest first, with who, where from and what', async () => {
    const { server } = bot;
    ok(await bot.anime(ADMIN, 'admin setchannel', [option.channel('channel', server.channelId)]));
    const webhookToken = bot.discord.webhooks(server.channelId)[0]?.token;
    expect(webhookToken).toBeTruthy();
    ok(await bot.anime(ADMIN, 'admin settings', [option.integer('reminder', 15), option.string('language', 'english')]));
    await bot.anime(ADMIN, 'admin settings'); // only shows them: no change
    await bot.anime(ADMIN, 'admin settings', [option.integer('reminder', 15)]); // what it already was: no change
    ok(
      await bot.anime(ADMIN, 'admin editpermission', [option.boolean('enable', true), option.string('command', 'add'), option.role('role', server.modsRoleId)]),
    );
    ok(
      await bot.anime(ADMIN, 'admin editpermission', [
        option.boolean('enable', false),
        option.string('command', 'add'),
        option.role('role', server.modsRoleId),
      ]),
    );
    ok(await bot.anime(MEMBER, 'add', [option.string('anime', String(FRIEREN_2)), option.string('nickname', 'frieren')]));
    ok(await bot.anime(MEMBER, 'rename', [option.string('anime', 'frieren'), option.string('nickname', 'frieren2')]));
    // A refusal is no change.
    await bot.anime(MEMBER, 'remove', [option.string('anime', 'nothing like this')]);

    await bot.store.repositories.guilds.setPremiumTier(server.guildId, 'supporter_plus', Date.now());
    bot.anilist.setUserLists({ SecretListOwner: { CURRENT: [WITCH_HAT, DR_STONE] } });
    const imported = await bot.anime(
      MEMBER,
      'import',
      [option.string('platform', 'anilist'), option.string('username', 'SecretListOwner'), option.string('list', 'watching'), option.string('status', 'both')],
      { isFinal: (content) => !/^(Importing…|Reading the)/.test(content), timeoutMs: 25_000 },
    );
    expect(imported.content).toContain('Added: 2');

    const { browser, csrf } = await loggedIn(ADMIN.id);
    const guild = `/api/v1/guilds/${server.guildId}`;
    const added = await browser.request(`${guild}/anime`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ mediaId: KAIJU_8_2, nickname: 'kaiju' }),
    });
    expect(added.status).toBe(201);
    expect((await browser.request(`${guild}/anime/${FRIEREN_2}`, { method: 'DELETE', headers: { 'x-csrf-token': csrf } })).status).toBe(204);
    ok(await bot.anime(ADMIN, 'admin removechannel'));

    const log = await json<AuditLog>(await browser.request(auditUrl()));
    expect(log.entries.map((entry) => [entry.source, entry.userId, entry.action])).toEqual([
      ['discord', ADMIN.id, 'channel.remove'],
      ['dashboard', ADMIN.id, 'anime.remove'],
      ['dashboard', ADMIN.id, 'anime.add'],
      ['discord', MEMBER.id, 'import'],
      ['discord', MEMBER.id, 'anime.rename'],
      ['discord', MEMBER.id, 'anime.add'],
      ['discord', ADMIN.id, 'lock.remove'],
      ['discord', ADMIN.id, 'lock.add'],
      ['discord', ADMIN.id, 'settings.change'],
      ['discord', ADMIN.id, 'channel.set'],
    ]);
    expect(log.next).toBeNull();
    const [removedChannel, removed, addedHere, importEntry, renamed, , , lock, settings, channel] = log.entries;
    expect(removedChannel!.details).toEqual({ channelId: server.channelId });
    expect(removed!.details).toEqual({ mediaId: FRIEREN_2, nickname: 'frieren2', title: 'Sousou no Frieren 2nd Season' });
    expect(addedHere!.summary).toBe('Added Kaiju No. 8 Season 2 as “kaiju”'); // titles in English, as set above;
    expect(importEntry!.details).toEqual({ added: 2 });
    expect(renamed!.summary).toBe('Renamed “frieren” to “frieren2”');
    expect(lock!.details).toEqual({ command: 'add', roleId: server.modsRoleId });
    expect(settings!.details).toEqual({ reminderMinutes: { from: null, to: 15 }, titleLanguage: { from: 'romaji', to: 'english' } });
    expect(settings!.summary).toBe('Changed settings: reminder off → 15 min before airing; titles romaji → english');
    expect(channel!.details).toEqual({ channelId: server.channelId, previousChannelId: null });
    // Never a secret, nor the name of the list's owner on AniList (promise P5).
    const stored = await storedEntries();
    expect(stored).toContain('Kaiju No. 8 Season 2');
    expect(stored).not.toContain('SecretListOwner');
    expect(stored).not.toContain(webhookToken);

    // A page at a time, newest first.
    const first = await json<AuditLog>(await browser.request(`${auditUrl()}?limit=4`));
    expect(first.entries.map((entry) => entry.action)).toEqual(['channel.remove', 'anime.remove', 'anime.add', 'import']);
    const second = await json<AuditLog>(await browser.request(`${auditUrl()}?limit=4&before=${first.next}`));
    expect(second.entries.map((entry) => entry.action)).toEqual(['anime.rename', 'anime.add', 'lock.remove', 'lock.add']);
    const last = await json<AuditLog>(await browser.request(`${auditUrl()}?limit=4&before=${second.next}`));
    expect(last.entries.map((entry) => entry.action)).toEqual(['settings.change', 'channel.set']);
    expect(last.next).toBeNull();
    expect((await browser.request(`${auditUrl()}?limit=1000`)).status).toBe(400);

    // The page: the viewer is "you", the others by id, in plain words.
    const page = await browser.request(`/servers/${server.guildId}/audit`);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('<time data-local datetime="');
    expect(text).toContain('<strong>you</strong>');
    expect(text).toContain(`<code>${MEMBER.id}</code>`);
    expect(text).toContain('Imported 2 anime from a list with /anime import');
    expect(text).toContain('Lifted the limit of /anime add to the role');
    expect(await (await browser.request(`/servers/${server.guildId}`)).text()).toContain(`href="/servers/${server.guildId}/audit"`);
  });

  it("answers 404 for another server's log and for a member who may not manage the server, 401 without a login", async () => {
    await bot.anime(ADMIN, 'admin setchannel', [option.channel('channel', bot.server.channelId)]);
    const other = bot.addOtherServer();
    const { browser } = await loggedIn(ADMIN.id);
    for (const id of [other.guildId, '199999999999999999']) {
      expect((await browser.request(`/api/v1/guilds/${id}/audit-log`)).status).toBe(404);
      expect((await browser.request(`/servers/${id}/audit`)).status).toBe(404);
    }
    // The owner of both servers sees each log apart; an entry of one is no cursor into the other.
    const setOther = bot.discord.commandInteraction({
      guildId: other.guildId,
      channelId: other.channelId,
      user: OWNER,
      name: 'anime',
      options: [option.group('admin', [option.subcommand('setchannel', [option.channel('channel', other.channelId)])])],
    });
    await bot.discord.deliverInteraction(bot.endpoint, setOther);
    const owner = await loggedIn(OWNER.id);
    const ours = await json<AuditLog>(await owner.browser.request(auditUrl()));
    const theirsUrl = `/api/v1/guilds/${other.guildId}/audit-log`;
    const theirs = await json<AuditLog>(await owner.browser.request(theirsUrl));
    expect(ours.entries.map((entry) => [entry.userId, entry.details.channelId])).toEqual([[ADMIN.id, bot.server.channelId]]);
    expect(theirs.entries.map((entry) => [entry.userId, entry.details.channelId])).toEqual([[OWNER.id, other.channelId]]);
    expect(await json<AuditLog>(await owner.browser.request(`${theirsUrl}?before=${ours.entries[0]!.id}`))).toEqual({ entries: [], next: null });
    expect(await json<AuditLog>(await owner.browser.request(`${auditUrl()}?before=${theirs.entries[0]!.id}`))).toEqual({ entries: [], next: null });

    const member = await loggedIn(MEMBER.id);
    expect((await member.browser.request(auditUrl())).status).toBe(404);
    expect((await webClient(bot.address, bot.discord).request(auditUrl())).status).toBe(401);
  });

  it('keeps entries for AUDIT_LOG_DAYS only', async () => {
    // A delay after airing is a custom notification time: Supporter+'s.
    await bot.store.repositories.guilds.setPremiumTier(bot.server.guildId, 'supporter_plus', Date.now());
    await bot.anime(ADMIN, 'admin settings', [option.integer('delay', 5)]);
    const { browser, csrf } = await loggedIn(ADMIN.id);
    // A day and a half later (a signed interaction would be too old then; the dashboard is not).
    offsetMs = 1.5 * DAY;
    const added = await browser.request(`/api/v1/guilds/${bot.server.guildId}/anime`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ mediaId: FRIEREN_2 }),
    });
    expect(added.status).toBe(201);
    expect((await json<AuditLog>(await browser.request(auditUrl()))).entries.map((entry) => entry.action)).toEqual(['anime.add', 'settings.change']);

    offsetMs = 2.5 * DAY;
    expect((await bot.app.retention.run()).auditEntriesDeleted).toBe(1);
    const log = await json<AuditLog>(await browser.request(auditUrl()));
    expect(log.entries.map((entry) => [entry.action, entry.source])).toEqual([['anime.add', 'dashboard']]);
  });

  it("is deleted with the server's data", async () => {
    await bot.anime(ADMIN, 'admin setchannel', [option.channel('channel', bot.server.channelId)]);
    await bot.anime(ADMIN, 'add', [option.string('anime', String(FRIEREN_2))]);
    const { browser } = await loggedIn(ADMIN.id);
    expect((await json<AuditLog>(await browser.request(auditUrl()))).entries).toHaveLength(2);

    const asked = await bot.command(ADMIN, 'debug', [option.string('action', 'delete_server_data')]);
    const button = (asked.data.components?.[0] as { components?: { custom_id: string }[] } | undefined)?.components?.[0];
    const interaction = bot.discord.componentInteraction({
      guildId: bot.server.guildId,
      channelId: bot.server.channelId,
      user: ADMIN,
      customId: button!.custom_id,
      message: { id: '1' } as never,
    });
    const done = await bot.discord.deliverInteraction(bot.endpoint, interaction);
    expect((done.body as { data: { content: string } }).data.content).toContain('Done: everything AniTrack kept for this server is deleted');

    expect(await json<AuditLog>(await browser.request(auditUrl()))).toEqual({ entries: [], next: null });
    expect(await storedEntries()).toBe('[]');
  });
});
