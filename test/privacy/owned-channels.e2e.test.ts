// /debug disable_owned_channels end to end: a server owner stops AniTrack posting on every server
// they own. Who owns what is stored, so Discord is asked about a server at most once a day, and a
// member may run the action once every 10 minutes.
import type { APIInteractionResponseCallbackData } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Permission } from '@anitrack/discord-emulator';
import { waitFor } from '../support/cli.ts';
import { ADMIN, MEMBER, option, OWNER, startBot, type BotHarness } from '../support/bot-harness.ts';
import { commandFixtures } from '../commands/fixtures.ts';

const STRANGER = { id: '700000000000000005', username: 'stranger' };
type User = { id: string; username: string };
interface Server {
  guildId: string;
  channelId: string;
}

describe.each(['sqlite', 'postgres'] as const)('disabling the channel on owned servers on %s', (dialect) => {
  let bot: BotHarness;
  let main: Server;
  beforeEach(async () => {
    bot = await startBot(dialect, commandFixtures());
    main = { guildId: bot.server.guildId, channelId: bot.server.channelId };
    await setChannel(main, ADMIN);
  });
  afterEach(async () => {
    await bot.close();
  });

  /** What the member ends up seeing: the inline answer, or the edit of a deferred one. */
  const answer = async (interaction: { id: string }): Promise<APIInteractionResponseCallbackData> => {
    await bot.discord.deliverInteraction(bot.endpoint, interaction);
    return waitFor(async () => {
      const records = bot.discord.interactionResponses(interaction.id);
      const first = records[0]?.body as { type: number; data?: APIInteractionResponseCallbackData } | undefined;
      if (!first) return undefined;
      if (first.type === 4) return first.data ?? {};
      return records.find((record) => record.kind === 'edit-original' || record.kind === 'followup')?.body as APIInteractionResponseCallbackData | undefined;
    });
  };
  const setChannel = async (server: Server, user: User) => {
    const setchannel = option.group('admin', [option.subcommand('setchannel', [option.channel('channel', server.channelId)])]);
    await answer(bot.discord.commandInteraction({ ...server, user, name: 'anime', options: [setchannel] }));
    expect(await bot.store.repositories.guilds.getNotifyChannel(server.guildId)).toBeDefined();
  };
  const ask = (server: Server, user: User) =>
    answer(bot.discord.commandInteraction({ ...server, user, name: 'debug', options: [option.string('action', 'disable_owned_channels')] }));
  const press = async (server: Server, user: User, asked: APIInteractionResponseCallbackData) => {
    const button = (asked.components?.[0] as { components?: { custom_id: string }[] } | undefined)?.components?.[0];
    expect(button?.custom_id).toBeDefined();
    const reply = await answer(bot.discord.componentInteraction({ ...server, user, customId: button!.custom_id, message: { id: '1' } as never }));
    return reply.content;
  };
  const disable = async (server: Server, user: User) => press(server, user, await ask(server, user));
  /** A server of `owner`'s where the bot may create webhooks, with AniTrack set up to post. */
  const addServer = async (owner: User): Promise<Server> => {
    const everyone = Permission.VIEW_CHANNEL | Permission.SEND_MESSAGES | Permission.MANAGE_WEBHOOKS | Permission.EMBED_LINKS;
    const added = bot.discord.addGuild({
      ownerId: owner.id,
      roles: [{ name: '@everyone', permissions: String(everyone) }],
      channels: [{ name: 'anime' }],
      members: [{ userId: owner.id, username: owner.username }],
    });
    const server = { guildId: added.guildId, channelId: added.channelIds[0]! };
    await setChannel(server, owner);
    return server;
  };
  const guildLookups = () =>
    bot.discord
      .requests()
      .filter((request) => request.route === 'GET /guilds/:guildId')
      .map((request) => request.path);
  const isPosting = async (server: Server) => {
    const stored = await bot.store.repositories.guilds.getNotifyChannel(server.guildId);
    const webhooks = bot.discord.webhooks(server.channelId).length;
    expect(webhooks).toBe(stored ? 1 : 0);
    return stored !== undefined;
  };

  it('stops posting on the two servers I own and leaves the third alone, asking Discord once per server', async () => {
    const second = await addServer(OWNER);
    const third = await addServer(STRANGER);
    const before = guildLookups().length;

    expect(await disable(main, OWNER)).toBe('Done: AniTrack stopped posting on 2 servers you own.');
    expect(guildLookups().slice(before).sort()).toEqual([main, second, third].map((server) => `/guilds/${server.guildId}`).sort());
    expect(await isPosting(main)).toBe(false);
    expect(await isPosting(second)).toBe(false);
    expect(await isPosting(third)).toBe(true);
  });

  it('uses the owners it learned for the rest of the day: later presses ask Discord only about the servers the member owns', async () => {
    const third = await addServer(STRANGER);
    expect(await disable(main, OWNER)).toBe('Done: AniTrack stopped posting on 1 server you own.');
    await setChannel(main, ADMIN);
    const before = guildLookups().length;

    expect(await disable(third, STRANGER)).toBe('Done: AniTrack stopped posting on 1 server you own.');
    expect(await disable(main, MEMBER)).toBe('AniTrack was not posting on any server you own.');
    // The stranger's own server is confirmed with Discord (owners hand servers over); no other is asked about.
    expect(guildLookups().slice(before)).toEqual([`/guilds/${third.guildId}`]);
    expect(await isPosting(third)).toBe(false);
    expect(await isPosting(main)).toBe(true);
  });

  it('refuses a second run within 10 minutes, saying when to try again', async () => {
    const asked = await ask(main, OWNER);
    expect(await press(main, OWNER, asked)).toBe('Done: AniTrack stopped posting on 1 server you own.');
    await setChannel(main, ADMIN);
    const refusal = 'You already did this in the last 10 minutes. Please try again in 10 minutes.';

    expect(await press(main, OWNER, asked)).toBe(refusal);
    const again = await ask(main, OWNER);
    expect(again.content).toBe(refusal);
    expect(again.components ?? []).toEqual([]);
    expect(await isPosting(main)).toBe(true);
    // The limit is each member's own.
    expect(await disable(main, MEMBER)).toBe('AniTrack was not posting on any server you own.');
  });
});
