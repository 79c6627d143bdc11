// A server's configuration from the dashboard: the channel picker, settings, role locks and
// dashboard roles, the week's schedule and the public commands page. The whole product on both
// databases over real HTTP; what is asserted is what the API answers, what slash commands show
// afterwards and what the local Discord holds (webhooks, messages).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { weeklyAirings } from '@anitrack/anilist-emulator';
import { Permission } from '@anitrack/discord-emulator';
import { animeCommand } from '../../src/commands/anime.command.ts';
import { COMMANDS } from '../../src/commands/index.ts';
import { ADMIN, MEMBER, MOD, option, startBot, type BotHarness } from '../support/bot-harness.ts';
import { DIALECTS } from '../support/stores.ts';
import { FRIEREN_2, SEASON, WITCH_HAT } from '../catalogue/anime-fixtures.ts';
import { json, webClient, type WebClient } from './web-client.ts';

const DAY_S = 86_400;

describe.each(DIALECTS)("a server's configuration from the dashboard on %s", (dialect) => {
  let bot: BotHarness;
  let offsetMs = 0;
  const loggedIn = async (userId: string) => {
    const browser = webClient(bot.address, bot.discord);
    expect((await browser.login(userId)).status).toBe(303);
    const me = await json<{ csrfToken: string }>(await browser.request('/api/v1/me'));
    return { browser, csrf: me.csrfToken };
  };
  const sender = (browser: WebClient, csrf: string | null) => (method: string, url: string, body?: unknown) =>
    browser.request(url, {
      method,
      headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...(csrf && { 'x-csrf-token': csrf }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });

  beforeEach(async () => {
    offsetMs = 0;
    const now = Math.floor(Date.now() / 1000);
    bot = await startBot(dialect, {
      dashboard: true,
      media: [...SEASON],
      airings: [...weeklyAirings(FRIEREN_2, now + 2 * DAY_S, 3), ...weeklyAirings(WITCH_HAT, now + 5 * 3600, 2)],
      clock: { now: () => Date.now() + offsetMs },
    });
  });
  afterEach(async () => {
    await bot.close();
  });

  it('lists the channels with what the bot lacks, sets the channel as setchannel does, refuses what setchannel refuses, and removes it', async () => {
    const { browser, csrf } = await loggedIn(ADMIN.id);
    const send = sender(browser, csrf);
    const guild = `/api/v1/guilds/${bot.server.guildId}`;
    type Channels = { channelId: string | null; channels: { id: string; name: string; usable: boolean; missing: string[] }[] };

    const before = await json<Channels>(await browser.request(`${guild}/channels`));
    const general = before.channels.find((channel) => channel.name === 'general')!;
    // No Manage Webhooks for the bot's role in #general.
    bot.discord.setPermissionOverwrites(general.id, [{ id: bot.server.botRoleId, type: 0, allow: '0', deny: String(Permission.MANAGE_WEBHOOKS) }]);
    const listed = await json<Channels>(await browser.request(`${guild}/channels`));
    expect(listed).toEqual({
      channelId: null,
      channels: [
        { id: bot.server.channelId, name: 'anime', kind: 'text', usable: true, missing: [] },
        { id: general.id, name: 'general', kind: 'text', usable: false, missing: ['Manage Webhooks'] },
      ],
    });

    const set = await send('PUT', `${guild}/channel`, { channelId: bot.server.channelId });
    expect(set.status).toBe(200);
    expect(await json(set)).toEqual({ channelId: bot.server.channelId, message: 'Notifications will be posted in #anime. I sent a welcome message there.' });
    const [webhook] = bot.discord.webhooks(bot.server.channelId);
    expect(webhook).toMatchObject({ name: 'AniTrack', application_id: bot.discord.applicationId });
    expect(bot.discord.messages(bot.server.channelId).map((message) => message.body.content)).toEqual([expect.stringContaining('AniTrack will post here')]);
    expect((await bot.anime(ADMIN, 'admin settings')).content).toContain(`• Channel: <#${bot.server.channelId}>`);
    expect((await json<Channels>(await browser.request(`${guild}/channels`))).channelId).toBe(bot.server.channelId);

    const refused = await send('PUT', `${guild}/channel`, { channelId: general.id });
    expect(refused.status).toBe(422);
    expect((await json<{ message: string }>(refused)).message).toBe(
      "I can't post in #general: I'm missing Manage Webhooks there. Give AniTrack's role that permission in the channel, or pick another channel.",
    );
    expect(bot.discord.webhooks(general.id)).toEqual([]);

    // Another server's channel, though the bot could post there, is refused and gets no webhook.
    const elsewhere = bot.addOtherServer();
    const foreign = await send('PUT', `${guild}/channel`, { channelId: elsewhere.channelId });
    expect(foreign.status).toBe(422);
    expect((await json<{ message: string }>(foreign)).message).toBe(
      "That channel is not in this server. Pick one of this server's text or announcement channels.",
    );
    expect(bot.discord.webhooks(elsewhere.channelId)).toEqual([]);
    expect((await send('PUT', `${guild}/channel`, { channelId: 'general' })).status).toBe(400);
    expect((await bot.store.repositories.guilds.get(bot.server.guildId))?.notifyChannelId).toBe(bot.server.channelId);

    const removed = await send('DELETE', `${guild}/channel`);
    expect(removed.status).toBe(200);
    expect(await json(removed)).toEqual({
      channelId: null,
      message: 'Notifications are off, and our webhook is deleted. "/anime admin setchannel" turns them back on.',
    });
    expect(bot.discord.webhooks(bot.server.channelId)).toEqual([]);
    expect((await bot.anime(ADMIN, 'admin settings')).content).toContain('• Channel: none');
  });

  it('changes the settings as /anime admin settings does, with its limits and words', async () => {
    const { browser, csrf } = await loggedIn(ADMIN.id);
    const send = sender(browser, csrf);
    const settings = `/api/v1/guilds/${bot.server.guildId}/settings`;

    // A delay after airing is a custom notification time: Supporter+'s.
    await bot.store.repositories.guilds.setPremiumTier(bot.server.guildId, 'supporter_plus', Date.now());
    const changed = await send('PATCH', settings, { titleLanguage: 'english', reminderOffsetMinutes: 30, postAirDelayMinutes: 10 });
    expect(changed.status).toBe(200);
    const body = await json<{ settings: unknown; message: string }>(changed);
    expect(body.settings).toEqual({ titleLanguage: 'english', reminderOffsetMinutes: 30, postAirDelayMinutes: 10 });
    expect(body.message).toMatch(
      /^Settings saved\.\n• Reminder: 30 minutes before an episode airs\n• Notification: 10 minutes after it airs\n• Titles: english/,
    );
    const view = (await bot.anime(ADMIN, 'admin settings')).content;
    expect(view).toContain('• Reminder: 30 minutes before an episode airs');
    expect(view).toContain('• Notification: 10 minutes after it airs');
    expect(view).toContain('• Titles: english');

    const off = await json<{ settings: unknown }>(await send('PATCH', settings, { reminderOffsetMinutes: null }));
    expect(off.settings).toEqual({ titleLanguage: 'english', reminderOffsetMinutes: null, postAirDelayMinutes: 10 });
    expect((await bot.anime(ADMIN, 'admin settings')).content).toContain('• Reminder: off');

    const tooLong = await send('PATCH', settings, { postAirDelayMinutes: 1441 });
    expect(tooLong.status).toBe(422);
    expect((await json<{ message: string }>(tooLong)).message).toBe('The "delay" option is not valid: use at most 1440.');
    const negative = await send('PATCH', settings, { reminderOffsetMinutes: -5 });
    expect(negative.status).toBe(422);
    expect((await json<{ message: string }>(negative)).message).toBe('The "reminder" option is not valid: use at least 0.');
    for (const bad of [{ reminderOffsetMinutes: 'soon' }, { titleLanguage: 'klingon' }, { postAirDelayMinutes: 2.5 }, { colour: 'red' }]) {
      const answer = await send('PATCH', settings, bad);
      expect(answer.status, JSON.stringify(bad)).toBe(400);
      expect((await json<{ message: string }>(answer)).message).toContain(Object.keys(bad)[0] === 'colour' ? 'body' : Object.keys(bad)[0]);
    }
    expect((await bot.store.repositories.guilds.get(bot.server.guildId))?.postAirDelayMinutes).toBe(10);
  });

  it('locks a command to a role from the dashboard, enforced on the slash command, and lists the roles', async () => {
    const { browser, csrf } = await loggedIn(ADMIN.id);
    const send = sender(browser, csrf);
    const guild = `/api/v1/guilds/${bot.server.guildId}`;

    const roles = await json<{ roles: { id: string; name: string; managed: boolean }[] }>(await browser.request(`${guild}/roles`));
    expect(roles.roles.map((role) => role.name).sort()).toEqual(['Admins', 'AniTrack', 'Mods']);
    expect(roles.roles.map((role) => role.id)).not.toContain(bot.server.guildId);

    const locked = await send('PUT', `${guild}/locks`, { command: 'add', roleId: bot.server.modsRoleId });
    expect(locked.status).toBe(200);
    expect(await json(locked)).toEqual({
      lockable: ['add', 'remove', 'subscribe', 'rename', 'import'],
      locks: [{ command: 'add', roleId: bot.server.modsRoleId }],
      dashboardRoles: [],
      message: '"/anime add" is now limited to members with @Mods (and server managers).',
    });
    const refused = await bot.anime(MEMBER, 'add', [option.string('anime', String(FRIEREN_2))]);
    expect(refused.content).toBe(`On this server, \`add\` is limited to members with the role <@&${bot.server.modsRoleId}>.`);
    expect((await bot.anime(MOD, 'add', [option.string('anime', String(FRIEREN_2))])).content).toContain('Added');
    expect((await json<{ locks: unknown[] }>(await browser.request(guild))).locks).toEqual([{ command: 'add', roleId: bot.server.modsRoleId }]);

    const notHere = await send('PUT', `${guild}/locks`, { command: 'add', roleId: '199999999999999999' });
    expect(notHere.status).toBe(422);
    expect((await json<{ message: string }>(notHere)).message).toBe('That role is not in this server. Pick one of its roles.');
    expect((await send('PUT', `${guild}/locks`, { command: 'list', roleId: bot.server.modsRoleId })).status).toBe(400);

    const lifted = await send('DELETE', `${guild}/locks`, { command: 'add', roleId: bot.server.modsRoleId });
    expect((await json<{ message: string; locks: unknown[] }>(lifted)).message).toBe('Everyone can use "/anime add" again.');
    expect((await bot.anime(MEMBER, 'add', [option.string('anime', String(WITCH_HAT))])).content).toContain('Added');
  });

  it('lets members of a dashboard role manage the server, given by the slash command or the API, and not after the role is gone', async () => {
    const admin = await loggedIn(ADMIN.id);
    const adminSend = sender(admin.browser, admin.csrf);
    const mod = await loggedIn(MOD.id);
    const guild = `/api/v1/guilds/${bot.server.guildId}`;
    const modCanManage = async () =>
      (await json<{ guilds: { id: string; canManage: boolean }[] }>(await mod.browser.request('/api/v1/me'))).guilds[0]!.canManage;
    expect((await mod.browser.request(guild)).status).toBe(404);
    expect(await modCanManage()).toBe(false);

    const granted = await bot.anime(ADMIN, 'admin editpermission', [
      option.boolean('enable', true),
      option.string('command', 'dashboard'),
      option.role('role', bot.server.modsRoleId),
    ]);
    expect(granted.content).toBe(`Members with <@&${bot.server.modsRoleId}> may manage this server on AniTrack's dashboard, as server managers may.`);
    expect((await mod.browser.request(guild)).status).toBe(200);
    expect(await modCanManage()).toBe(true);
    // The pages open for them too: the server is among theirs, and its page is theirs to use.
    expect(await (await mod.browser.request('/servers')).text()).toContain(`href="/servers/${bot.server.guildId}"`);
    expect((await mod.browser.request(`/servers/${bot.server.guildId}`)).status).toBe(200);
    expect(await (await mod.browser.request(`/servers/${bot.server.guildId}/settings`)).text()).toContain(
      'Only server managers change who may use the dashboard.',
    );
    const modSend = sender(mod.browser, mod.csrf);
    // A delay after airing is a custom notification time: Supporter+'s.
    await bot.store.repositories.guilds.setPremiumTier(bot.server.guildId, 'supporter_plus', Date.now());
    expect((await modSend('PATCH', `${guild}/settings`, { postAirDelayMinutes: 15 })).status).toBe(200);
    expect((await bot.anime(ADMIN, 'admin settings')).content).toContain('• Notification: 15 minutes after it airs');
    // Who may use the dashboard stays with the server's managers.
    const escalate = await modSend('PUT', `${guild}/locks`, { command: 'dashboard', roleId: bot.server.botRoleId });
    expect(escalate.status).toBe(403);
    expect((await json<{ message: string }>(escalate)).message).toBe('Only members with Manage Server or Administrator can change who may use the dashboard.');
    // A dashboard role is no command lock: members still add anime, and the view keeps the two apart.
    expect((await bot.anime(MEMBER, 'add', [option.string('anime', String(FRIEREN_2))])).content).toContain('Added');
    expect(await json(await admin.browser.request(guild))).toMatchObject({ locks: [], dashboardRoles: [bot.server.modsRoleId] });
    expect(await json(await admin.browser.request(`${guild}/locks`))).toMatchObject({ locks: [], dashboardRoles: [bot.server.modsRoleId] });

    // Taken back with the slash command: at once (the roles granted are read on every request).
    await bot.anime(ADMIN, 'admin editpermission', [
      option.boolean('enable', false),
      option.string('command', 'dashboard'),
      option.role('role', bot.server.modsRoleId),
    ]);
    expect((await mod.browser.request(guild)).status).toBe(404);

    // Given through the API; the member then loses the role in Discord: refused within a minute.
    const viaApi = await adminSend('PUT', `${guild}/locks`, { command: 'dashboard', roleId: bot.server.modsRoleId });
    expect(viaApi.status).toBe(200);
    expect(await json(viaApi)).toMatchObject({
      dashboardRoles: [bot.server.modsRoleId],
      message: "Members with @Mods may manage this server on AniTrack's dashboard, as server managers may.",
    });
    expect((await mod.browser.request(guild)).status).toBe(200);
    bot.discord.setMemberRoles(bot.server.guildId, MOD.id, []);
    offsetMs = 61_000;
    expect((await mod.browser.request(guild)).status).toBe(404);
    expect(await modCanManage()).toBe(false);
    expect((await mod.browser.request(`/servers/${bot.server.guildId}/settings`)).status).toBe(404);

    const everyone = await bot.anime(ADMIN, 'admin editpermission', [
      option.boolean('enable', true),
      option.string('command', 'dashboard'),
      option.role('role', bot.server.guildId),
    ]);
    expect(everyone.content).toBe('The dashboard cannot be opened to @everyone. Pick the role of the members who should manage AniTrack here.');
  });

  it("lists the week's airings of the server's anime, as /anime schedule does", async () => {
    const { browser, csrf } = await loggedIn(ADMIN.id);
    const send = sender(browser, csrf);
    const guild = `/api/v1/guilds/${bot.server.guildId}`;
    expect(await json(await browser.request(`${guild}/schedule`))).toEqual({ days: 7, airings: [] });
    for (const mediaId of [FRIEREN_2, WITCH_HAT]) expect((await send('POST', `${guild}/anime`, { mediaId })).status).toBe(201);

    type Schedule = { days: number; airings: { mediaId: number; title: string; episode: number; airingAt: string }[] };
    const week = await json<Schedule>(await browser.request(`${guild}/schedule`));
    const frieren = await bot.store.repositories.airings.nextForMedia(FRIEREN_2, Date.now());
    const witch = await bot.store.repositories.airings.nextForMedia(WITCH_HAT, Date.now());
    expect(week).toEqual({
      days: 7,
      airings: [
        { mediaId: WITCH_HAT, title: 'Tongari Boushi no Atelier', episode: 1, airingAt: new Date(witch!.airingAt).toISOString() },
        { mediaId: FRIEREN_2, title: 'Sousou no Frieren 2nd Season', episode: 1, airingAt: new Date(frieren!.airingAt).toISOString() },
      ],
    });
    const slash = (await bot.anime(MEMBER, 'schedule')).content;
    for (const airing of week.airings) expect(slash).toContain(`**${airing.title}** — episode ${airing.episode}`);
    expect((await json<Schedule>(await browser.request(`${guild}/schedule?days=1`))).airings.map((airing) => airing.mediaId)).toEqual([WITCH_HAT]);
    const tooFar = await browser.request(`${guild}/schedule?days=8`);
    expect(tooFar.status).toBe(400);
    expect((await json<{ message: string }>(tooFar)).message).toContain('days');
  });

  it('serves the configuration page, whose plain forms and htmx forms change the server with the same rules', async () => {
    const { browser, csrf } = await loggedIn(ADMIN.id);
    const page = `/servers/${bot.server.guildId}/settings`;
    const channels = await json<{ channels: { id: string; name: string }[] }>(await browser.request(`/api/v1/guilds/${bot.server.guildId}/channels`));
    const general = channels.channels.find((channel) => channel.name === 'general')!;
    bot.discord.setPermissionOverwrites(general.id, [{ id: bot.server.botRoleId, type: 0, allow: '0', deny: String(Permission.MANAGE_WEBHOOKS) }]);
    const post = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
      browser.request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(fields).toString(),
      });

    const html = await (await browser.request(page)).text();
    expect(html).toContain(`<option value="${bot.server.channelId}">#anime</option>`);
    expect(html).toContain(`<option value="${general.id}" disabled>#general — missing Manage Webhooks</option>`);
    expect(html).toContain('name="reminderOffsetMinutes" type="number" inputmode="numeric" required min="0" max="1440"');
    expect(html).toContain('<option value="english">English</option>');

    // A plain form: 303 back to the page with the command's answer.
    const set = await post(`${page.replace('/settings', '')}/channel`, { csrf, channelId: bot.server.channelId });
    expect(set.status).toBe(303);
    const back = new URL(set.headers.get('location')!, bot.address);
    expect(back.pathname).toBe(page);
    expect(back.searchParams.get('notice')).toBe('Notifications will be posted in #anime. I sent a welcome message there.');
    expect(bot.discord.webhooks(bot.server.channelId)).toHaveLength(1);
    expect(await (await browser.request(`${back.pathname}${back.search}`)).text()).toContain('Notifications go to <strong>#anime</strong>');

    // htmx: the section comes back with the notice out of band.
    const refused = await post(`/servers/${bot.server.guildId}/channel`, { channelId: general.id }, { 'hx-request': 'true', 'x-csrf-token': csrf });
    expect(refused.status).toBe(200);
    const fragment = await refused.text();
    expect(fragment).toMatch(/^<section id="channel-section">/);
    expect(fragment).toContain(
      '<div id="notice" hx-swap-oob="true"><p role="status" data-testid="notice" class="notice error">I can&#39;t post in #general: I&#39;m missing Manage Webhooks there.',
    );

    const saved = await post(`/servers/${bot.server.guildId}/settings`, {
      csrf,
      titleLanguage: 'native',
      reminderOffsetMinutes: '45',
      postAirDelayMinutes: '0',
    });
    expect(new URL(saved.headers.get('location')!, bot.address).searchParams.get('notice')).toMatch(/^Settings saved\.\n• Reminder: 45 minutes before/);
    expect((await bot.anime(ADMIN, 'admin settings')).content).toContain('• Titles: native');
    const tooBig = await post(`/servers/${bot.server.guildId}/settings`, {
      csrf,
      titleLanguage: 'native',
      reminderOffsetMinutes: '2000',
      postAirDelayMinutes: '0',
    });
    expect(new URL(tooBig.headers.get('location')!, bot.address).searchParams.get('notice')).toBe('The "reminder" option is not valid: use at most 1440.');
    expect((await post(`/servers/${bot.server.guildId}/settings`, { csrf, reminderOffsetMinutes: 'soon' })).status).toBe(400);

    const locked = await post(`/servers/${bot.server.guildId}/locks`, { csrf, command: 'remove', roleId: bot.server.modsRoleId, enable: 'true' });
    expect(new URL(locked.headers.get('location')!, bot.address).searchParams.get('notice')).toBe(
      '"/anime remove" is now limited to members with @Mods (and server managers).',
    );
    expect(await bot.store.repositories.commandLocks.listForGuild(bot.server.guildId)).toEqual([{ command: 'remove', roleId: bot.server.modsRoleId }]);
    const given = await post(
      `/servers/${bot.server.guildId}/locks`,
      { command: 'dashboard', roleId: bot.server.modsRoleId, enable: 'true' },
      { 'hx-request': 'true', 'x-csrf-token': csrf },
    );
    const roles = await given.text();
    expect(roles).toMatch(/^<section id="roles-section">/);
    expect(roles).toContain('<li data-testid="dashboard-role"><span>@Mods</span>');

    // The forms refuse a missing token and another server, as the API does.
    for (const path of ['channel', 'channel/remove', 'settings', 'locks']) {
      expect((await post(`/servers/${bot.server.guildId}/${path}`, { channelId: bot.server.channelId }, { 'hx-request': 'true' })).status, path).toBe(403);
      expect((await post(`/servers/199999999999999999/${path}`, { csrf, channelId: bot.server.channelId })).status, path).toBe(404);
    }
    expect((await browser.request('/servers/199999999999999999/settings')).status).toBe(404);
    expect(bot.discord.webhooks(bot.server.channelId)).toHaveLength(1);
    const stopped = await post(`/servers/${bot.server.guildId}/channel/remove`, { csrf });
    expect(new URL(stopped.headers.get('location')!, bot.address).searchParams.get('notice')).toContain('Notifications are off');
    expect(bot.discord.webhooks(bot.server.channelId)).toEqual([]);

    // The week, in the title language saved above.
    await bot.anime(ADMIN, 'add', [option.string('anime', String(WITCH_HAT))]);
    const week = await (await browser.request(`/servers/${bot.server.guildId}/schedule?days=3`)).text();
    const witch = await bot.store.repositories.airings.nextForMedia(WITCH_HAT, Date.now());
    expect(week).toContain(
      `<span class="title">とんがり帽子のアトリエ</span><span class="meta">Episode 1 · <time data-countdown datetime="${new Date(witch!.airingAt).toISOString()}">`,
    );
    expect(week).toContain('<option value="3" selected>the next 3 days</option>');
    expect((await webClient(bot.address, bot.discord).request(`/servers/${bot.server.guildId}/settings`)).status).toBe(302);
  });

  it('refuses every new route without a CSRF token (403) and for another server (404)', async () => {
    const { browser, csrf } = await loggedIn(ADMIN.id);
    const other = bot.addOtherServer();
    const routes: [string, string, unknown?][] = [
      ['GET', 'channels'],
      ['PUT', 'channel', { channelId: bot.server.channelId }],
      ['DELETE', 'channel'],
      ['PATCH', 'settings', { postAirDelayMinutes: 5 }],
      ['GET', 'roles'],
      ['GET', 'locks'],
      ['PUT', 'locks', { command: 'add', roleId: bot.server.modsRoleId }],
      ['DELETE', 'locks', { command: 'add', roleId: bot.server.modsRoleId }],
      ['GET', 'schedule'],
    ];
    for (const [method, path, body] of routes) {
      for (const id of [other.guildId, '199999999999999999']) {
        expect((await sender(browser, csrf)(method, `/api/v1/guilds/${id}/${path}`, body)).status, `${method} ${path} on ${id}`).toBe(404);
      }
      if (method === 'GET') continue;
      for (const token of [null, 'x'.repeat(43)]) {
        expect((await sender(browser, token)(method, `/api/v1/guilds/${bot.server.guildId}/${path}`, body)).status, `${method} ${path}`).toBe(403);
      }
    }
    // Nothing was changed by the refused requests.
    expect(bot.discord.webhooks()).toEqual([]);
    expect(await bot.store.repositories.commandLocks.listForGuild(bot.server.guildId)).toEqual([]);
    expect((await bot.store.repositories.guilds.get(bot.server.guildId))?.postAirDelayMinutes ?? 0).toBe(0);
    expect((await webClient(bot.address, bot.discord).request(`/api/v1/guilds/${bot.server.guildId}/channels`)).status).toBe(401);
  });

  it('shows every command on a public commands page, linked from the home page', async () => {
    const visitor = webClient(bot.address, bot.discord);
    const page = await visitor.request('/commands');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const text = (await page.text()).replace(/&#(\d+);/g, (_entity, code: string) => String.fromCharCode(Number(code)));
    const sections = text.split('<section').slice(1);
    let listed = 0;
    for (const command of COMMANDS) {
      for (const [path, subcommand] of command.subcommands) {
        const name = path ? `/${command.definition.name} ${path}` : `/${command.definition.name}`;
        const section = sections.find((candidate) => candidate.includes(`<h2><code>${name}</code></h2>`));
        expect(section, name).toBeDefined();
        const { description } = subcommand.definition as unknown as { description: string };
        expect(section).toContain(description);
        for (const option of subcommand.definition.options ?? []) expect(section, `${name} ${option.name}`).toContain(`<code>${option.name}</code>`);
        listed++;
      }
    }
    expect(sections).toHaveLength(listed);
    expect(listed).toBeGreaterThan(animeCommand.subcommands.size);
    expect(sections.find((section) => section.includes('<code>/anime admin settings</code>'))).toContain('Members with Manage Server or Administrator');
    expect(sections.find((section) => section.includes('<code>/anime add</code>'))).toContain('limit it to roles');
    expect(sections.find((section) => section.includes('<code>/anime admin settings</code>'))).toContain('0 to 1440');
    expect(await (await visitor.request('/')).text()).toContain('href="/commands"');
  });
});
