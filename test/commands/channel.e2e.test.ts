// /anime admin setchannel and removechannel against the local Discord.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, MEMBER, option, startBot, type BotHarness } from '../support/bot-harness.ts';
import { dumpAllTables } from '../support/dump.ts';
import { DIALECTS } from '../support/stores.ts';
import { Permission } from '@anitrack/discord-emulator';
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
    expect(await bot.store.repositories.guilds.getNotifyChannel(bot.server.guildId)).toEqual({
      channelId: bot.server.channelId,
      webhook: { id: webhook!.id, token: webhook!.token },
    });
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
    expect(answer.content).toBe(
      `I can't post in <#${bot.server.channelId}>: I'm missing Manage Webhooks there. Give AniTrack's role that permission in the channel, or pick another channel.`,
    );
    expect(bot.discord.webhooks(bot.server.channelId)).toEqual([]);
    expect((await bot.store.repositories.guilds.get(bot.server.guildId))?.notifyChannelId ?? null).toBeNull();

    // Notifications are embeds: Embed Links is needed too.
    bot.discord.setRolePermissions(bot.server.guildId, bot.server.botRoleId, String(Permission.MANAGE_WEBHOOKS));
    expect((await setChannel()).content).toContain("I'm missing Embed Links there.");
    expect(bot.discord.webhooks(bot.server.channelId)).toEqual([]);

    bot.discord.setPermissionOverwrites(bot.server.channelId, [
      { id: bot.server.guildId, type: 0, allow: '0', deny: String(Permission.VIEW_CHANNEL | Permission.SEND_MESSAGES) },
    ]);
    expect((await setChannel()).content).toContain("I'm missing View Channel there.");
  });

  it("explains Discord's 15-webhook limit", async () => {
    bot.discord.seedWebhooks(bot.server.channelId, 15);
    const answer = await setChannel();
    expect(answer.content).toBe(
      `<#${bot.server.channelId}> already has 15 webhooks, Discord's limit. Delete one in the channel's settings (Integrations → Webhooks), or pick another channel.`,
    );
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

describe.each(DIALECTS)('a notification channel outside the server on %s', (dialect) => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await startBot(dialect, commandFixtures());
  });
  afterEach(async () => {
    await bot.close();
  });
  const setChannel = (channelId: string) => bot.anime(ADMIN, 'admin setchannel', [option.channel('channel', channelId)]);
  const notifyChannel = async () => (await bot.store.repositories.guilds.get(bot.server.guildId))?.notifyChannelId ?? null;

  it("refuses another server's channel, even one the bot could post in, and creates no webhook there", async () => {
    const elsewhere = bot.addOtherServer();
    const answer = await setChannel(elsewhere.channelId);
    expect(answer).toMatchObject({ ephemeral: true, content: "That channel is not in this server. Pick one of this server's text or announcement channels." });
    expect(bot.discord.webhooks(elsewhere.channelId)).toEqual([]);
    expect(bot.discord.messages(elsewhere.channelId)).toEqual([]);
    expect(await notifyChannel()).toBeNull();

    // What the request claims about the channel changes nothing: Discord is asked.
    const claimed = bot.discord.commandInteraction({
      guildId: bot.server.guildId,
      channelId: bot.server.channelId,
      user: ADMIN,
      name: 'anime',
      options: [option.group('admin', [option.subcommand('setchannel', [option.channel('channel', elsewhere.channelId)])])],
      resolved: { channels: { [elsewhere.channelId]: { id: elsewhere.channelId, type: 0, name: 'anime', permissions: '536890368' } } },
    });
    const forged = await bot.post(bot.sign(claimed));
    expect(forged.body?.data).toMatchObject({
      content: "That channel is not in this server. Pick one of this server's text or announcement channels.",
      flags: 64,
    });
    expect(bot.discord.webhooks()).toEqual([]);
    expect(await notifyChannel()).toBeNull();
  });

  it('refuses a channel that does not exist, in plain words', async () => {
    const answer = await setChannel('123456789012345678');
    expect(answer).toMatchObject({ ephemeral: true, content: "I can't find that channel. Pick one of this server's text or announcement channels." });
    expect(bot.discord.webhooks()).toEqual([]);
    expect(await notifyChannel()).toBeNull();
  });
});
