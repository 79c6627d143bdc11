// /debug: members and server managers delete or export what AniTrack keeps, confirmed by a button.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportMemberData } from '../../src/privacy/member-data.ts';
import { ADMIN, MEMBER, MOD, option, OWNER, startBot, type Answer, type BotHarness } from '../support/bot-harness.ts';
import { dumpAllTables, registeredRowsFor } from '../support/dump.ts';
import { commandFixtures, FILLERS, FRIEREN } from '../commands/fixtures.ts';

const OTHER_GUILD = '100000000000000777';

describe.each(['sqlite', 'postgres'] as const)('/debug on %s', (dialect) => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await startBot(dialect, commandFixtures());
    await bot.anime(ADMIN, 'admin setchannel', [option.channel('channel', bot.server.channelId)]);
    await bot.anime(MEMBER, 'add', [option.string('anime', String(FRIEREN))]);
    await bot.anime(ADMIN, 'add', [option.string('anime', String(FILLERS[0]))]);
    for (const user of [MEMBER, MOD]) await bot.anime(user, 'subscribe', [option.string('anime', String(FRIEREN))]);
    await bot.anime(MEMBER, 'subscribe', [option.string('anime', String(FILLERS[0]))]);
    // The same member in another server.
    const { trackedAnime, subscriptions } = bot.store.repositories;
    await trackedAnime.add({ guildId: OTHER_GUILD, mediaId: FRIEREN, nickname: 'f', addedBy: MEMBER.id, now: Date.now(), maxPerGuild: null });
    await subscriptions.subscribe({ guildId: OTHER_GUILD, mediaId: FRIEREN, userId: MEMBER.id, now: Date.now(), maxPerAnime: null });
  });
  afterEach(async () => {
    await bot.close();
  });

  const debug = (user: { id: string; username: string }, action: string) => bot.command(user, 'debug', [option.string('action', action)]);
  const press = async (user: { id: string; username: string }, answer: Answer) => {
    const button = (answer.data.components?.[0] as { components?: { custom_id: string }[] } | undefined)?.components?.[0];
    expect(button?.custom_id).toBeDefined();
    const interaction = bot.discord.componentInteraction({
      guildId: bot.server.guildId,
      channelId: bot.server.channelId,
      user,
      customId: button!.custom_id,
      message: { id: '1' } as never,
    });
    const result = await bot.discord.deliverInteraction(bot.endpoint, interaction);
    return (result.body as { data: { content: string } }).data.content;
  };
  const everything = () => dumpAllTables(bot.store.database, { except: ['kysely_migration', 'kysely_migration_lock'] });

  it('deletes my data in this server after I confirm, and only there', async () => {
    const asked = await debug(MEMBER, 'delete_my_data_here');
    expect(asked).toMatchObject({ ephemeral: true });
    expect(asked.content).toContain('This deletes your subscriptions in this server');
    expect(await bot.store.repositories.subscriptions.mediaForMember(bot.server.guildId, MEMBER.id)).toHaveLength(2);
    expect(await press(MOD, asked)).toBe('Only the member who asked can confirm this.');

    expect(await press(MEMBER, asked)).toBe('Done: 2 subscriptions deleted in this server, and your name removed from 1 anime.');
    const rows = (await everything()).split('\n').filter((line) => line.includes(MEMBER.id));
    expect(rows.length).toBe(2);
    expect((await registeredRowsFor(bot.store.database, { userId: MEMBER.id })).every((row) => row.includes(OTHER_GUILD))).toBe(true);
    expect(rows.every((line) => line.includes(OTHER_GUILD))).toBe(true);
    expect(await bot.store.repositories.subscriptions.subscribers(bot.server.guildId, FRIEREN)).toEqual([MOD.id]);
    expect(await bot.store.repositories.trackedAnime.listForGuild(bot.server.guildId)).toHaveLength(2);
  });

  it('deletes my data everywhere: no table holds my id afterwards', async () => {
    expect(await everything()).toContain(MEMBER.id);
    const done = await press(MEMBER, await debug(MEMBER, 'delete_my_data_everywhere'));
    expect(done).toBe('Done: 3 subscriptions deleted across all servers, and your name removed from 2 anime.');
    expect(await everything()).not.toContain(MEMBER.id);
    expect(await registeredRowsFor(bot.store.database, { userId: MEMBER.id })).toEqual([]);
    expect(await everything()).toContain(MOD.id);
    expect(await registeredRowsFor(bot.store.database, { userId: MOD.id })).toHaveLength(1);
  });

  it("deletes the server's data (managers only) and our webhook in Discord; other servers stay", async () => {
    expect((await debug(MEMBER, 'delete_server_data')).content).toBe(
      "Only the server's owner, or members with Manage Server or Administrator, can delete this server's data.",
    );
    expect(bot.discord.webhooks(bot.server.channelId)).toHaveLength(1);
    const done = await press(ADMIN, await debug(ADMIN, 'delete_server_data'));
    expect(done).toContain('Done: everything AniTrack kept for this server is deleted');
    expect(await everything()).not.toContain(bot.server.guildId);
    expect(await registeredRowsFor(bot.store.database, { guildId: bot.server.guildId })).toEqual([]);
    expect(await registeredRowsFor(bot.store.database, { guildId: OTHER_GUILD })).not.toEqual([]);
    expect(bot.discord.webhooks(bot.server.channelId)).toEqual([]);
    expect(await bot.store.repositories.trackedAnime.listForGuild(OTHER_GUILD)).toHaveLength(1);
  });

  it('stops posting on the servers I own, keeping their lists', async () => {
    const done = await press(OWNER, await debug(OWNER, 'disable_owned_channels'));
    expect(done).toBe('Done: AniTrack stopped posting on 1 server you own.');
    expect(bot.discord.webhooks(bot.server.channelId)).toEqual([]);
    expect(await bot.store.repositories.guilds.getNotifyChannel(bot.server.guildId)).toBeUndefined();
    expect(await bot.store.repositories.trackedAnime.listForGuild(bot.server.guildId)).toHaveLength(2);
    expect(await press(MEMBER, await debug(MEMBER, 'disable_owned_channels'))).toBe('AniTrack was not posting on any server you own.');
  });

  it('exports that I own a server, and forgets it when I delete my data', async () => {
    await press(OWNER, await debug(OWNER, 'disable_owned_channels')); // AniTrack now knows who owns the server
    expect(await registeredRowsFor(bot.store.database, { userId: OWNER.id })).toHaveLength(1);
    const exported = await exportMemberData(bot.store.repositories, OWNER.id, 0);
    expect(exported.serversOwned.map((item) => item.guildId)).toEqual([bot.server.guildId]);

    const done = await press(OWNER, await debug(OWNER, 'delete_my_data_here'));
    expect(done).toBe('Done: 0 subscriptions deleted in this server, and your name removed from 0 anime. AniTrack also forgot that you own this server.');
    expect(await registeredRowsFor(bot.store.database, { userId: OWNER.id })).toEqual([]);
    expect(await everything()).not.toContain(OWNER.id);
    expect((await exportMemberData(bot.store.repositories, OWNER.id, 0)).serversOwned).toEqual([]);
  });

  it('exports my data as a file only I see', async () => {
    const answer = await debug(MEMBER, 'export_my_data');
    expect(answer).toMatchObject({ ephemeral: true, content: 'Here is everything AniTrack keeps about you.' });
    const data = await exportMemberData(bot.store.repositories, MEMBER.id, 0);
    expect(data.subscriptions.map((item) => [item.guildId, item.anilistId]).sort()).toEqual(
      [
        [bot.server.guildId, FRIEREN],
        [bot.server.guildId, FILLERS[0]],
        [OTHER_GUILD, FRIEREN],
      ].sort(),
    );
    expect(data.animeAdded.map((item) => item.guildId).sort()).toEqual([bot.server.guildId, OTHER_GUILD].sort());
    // The answer carried a file: the edit went out as multipart, as Discord requires for uploads.
    const edits = bot.discord.requests().filter((request) => request.method === 'PATCH' && (request.route ?? '').includes('/messages/'));
    expect(edits.some((request) => String(request.headers['content-type']).startsWith('multipart/form-data'))).toBe(true);
  });
});
