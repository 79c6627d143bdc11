// /anime admin setchannel and removechannel against the local Discord.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, MEMBER, option, startBot, type BotHarness } from '../support/bot-harness.ts';
import { dumpAllTables } from '../support/dump.ts';
import { Permission } from '../../src/sandbox/fakes/discord.ts';
import { commandFixtures } from './fixtures.ts';

describe('the notification channel', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await startBot('sqlite', commandFixtures());
  });
  afterEach(async () => {
    await bot.close();
  });
  const setChannel = (channelId = bot.server.channelId) => bot.anime(ADMIN, 'admin setchannel', [option.channel('channel', channelId)]);

  it('creates our webhook, stores it sealed, posts a welcome message, and replaces it on a second setchannel', async () => {
    const answer = await setChannel();
    expect(answer).toMatchObject({ ephemeral: true, content: `Notifications will be posted in <#${bot.server.channelId}>. I sent a welcome message there.` });
    const [webhook] = bot.discord.webhooks(bot.server.channelId);
    expect(webhook).toMatchObject({ name: 'AniTrack', application_id: bot.discord.applicationId });
    const [welcome] = bot.discord.messages(bot.server.channelId);
    expect(welcome!.body.content).toContain('AniTrack will post here');
    expect(await bot.store.repositories.guilds.getNotifyChannel(bot.server.guildId)).toEqual({ channelId: bot.server.channelId, webhook: { id: webhook!.id, token: webhook!.token } });
    // The token is only ever stored sealed: not in any table, not in the file.
    expect(await dumpAllTables(bot.store.database)).not.toContain(webhook!.token!);
    expect(readFileSync(bot.store.file!).includes(Buffer.from(webhook!.token!))).toBe(false);

    // A second setchannel replaces the webhook and deletes the old one in Discord.
    await setChannel();
    const webhooks = bot.discord.webhooks(bot.server.channelId);
    expect(webhooks).toHaveLength(1);
    expect(webhooks[0]!.id).not.toBe(webhook!.id);
    expect((await bot.anime(MEMBER, 'list')).status).toBe(200);
  });

  it('says which permission is missing, and creates nothing', async () => {
    bot.discord.setRolePermissions(bot.server.guildId, bot.server.botRoleId, String(Permission.EMBED_LINKS));
    const answer = await setChannel();
    expect(answer.content).toBe(`I can't post in <#${bot.server.channelId}>: I'm missing Manage Webhooks there. Give AniTrack's role that permission in the channel, or pick another channel.`);
    expect(bot.discord.webhooks(bot.server.channelId)).toEqual([]);
    expect((await bot.store.repositories.guilds.get(bot.server.guildId))?.notifyChannelId ?? null).toBeNull();

    bot.discord.setPermissionOverwrites(bot.server.channelId, [{ id: bot.server.guildId, type: 0, allow: '0', deny: String(Permission.VIEW_CHANNEL | Permission.SEND_MESSAGES) }]);
    expect((await setChannel()).content).toContain("I'm missing View Channel there.");
  });

  it("explains Discord's 15-webhook limit", async () => {
    bot.discord.seedWebhooks(bot.server.channelId, 15);
    const answer = await setChannel();
    expect(answer.content).toBe(`<#${bot.server.channelId}> already has 15 webhooks, Discord's limit. Delete one in the channel's settings (Integrations → Webhooks), or pick another channel.`);
    expect(bot.discord.webhooks(bot.server.channelId)).toHaveLength(15);
  });

  it('removechannel deletes our webhook in Discord and forgets it', async () => {
    await setChannel();
    const answer = await bot.anime(ADMIN, 'admin removechannel');
    expect(answer.content).toBe('Notifications are off, and our webhook is deleted. `/anime admin setchannel` turns them back on.');
    expect(bot.discord.webhooks(bot.server.channelId)).toEqual([]);
    expect(await bot.store.repositories.guilds.getNotifyChannel(bot.server.guildId)).toBeUndefined();
    expect((await bot.anime(ADMIN, 'admin removechannel')).content).toBe('This server has no notification channel.');
  });
});
