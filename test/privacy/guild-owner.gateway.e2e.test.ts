// Over the gateway, Discord says who owns a server in GUILD_CREATE and says it again in
// GUILD_UPDATE when ownership moves: AniTrack stores it, and the owner action then asks nothing.
import type { APIInteractionResponseCallbackData } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiGuild } from '@anitrack/discord-emulator';
import { waitFor } from '../support/cli.ts';
import { ADMIN, MEMBER, option, OWNER, startBot, type BotHarness } from '../support/bot-harness.ts';
import { commandFixtures } from '../commands/fixtures.ts';

const DAY = 24 * 3_600_000;
type User = { id: string; username: string };

describe.each(['sqlite', 'postgres'] as const)('server owners from the gateway on %s', (dialect) => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await startBot(dialect, { ...commandFixtures(), mode: 'gateway' });
    await waitFor(async () => (bot.discord.gateway.connected() > 0 && bot.discord.gateway.sessions().identifies > 0 ? true : undefined));
  });
  afterEach(async () => {
    await bot.close();
  });

  const ownedBy = (user: User) => bot.store.repositories.guilds.guildsOwnedBy(user.id);
  const waitUntilOwner = (user: User, guildId: string) =>
    waitFor(async () => ((await ownedBy(user)).some((row) => row.guildId === guildId) ? true : undefined));
  /** GUILD_UPDATE carries the whole guild object, as GET /guilds/{id} returns it. */
  const guildUpdate = (ownerId: string) =>
    apiGuild({ id: bot.server.guildId, name: 'Anime Club', ownerId, roles: [], channels: [], members: new Map(), botPresent: true });
  const lookups = () => bot.discord.requests().filter((request) => request.route === 'GET /guilds/:guildId').length;
  /** Asks for the owner action and presses its button, both over the gateway; returns what the member then sees. */
  const disableOwned = async (user: User) => {
    const asked = await bot.command(user, 'debug', [option.string('action', 'disable_owned_channels')]);
    const button = (asked.data.components?.[0] as { components?: { custom_id: string }[] } | undefined)?.components?.[0];
    const interaction = bot.discord.componentInteraction({ ...bot.server, user, customId: button!.custom_id, message: { id: '1' } as never });
    bot.discord.gateway.dispatchInteraction(interaction);
    return waitFor(async () => {
      const records = bot.discord.interactionResponses(interaction.id);
      const first = records[0]?.body as { type: number; data?: APIInteractionResponseCallbackData } | undefined;
      if (first?.type === 4) return first.data?.content;
      return (records.find((record) => record.kind === 'edit-original')?.body as APIInteractionResponseCallbackData | undefined)?.content;
    });
  };

  it('stores the owner GUILD_CREATE reports for a server AniTrack keeps data for, and nothing for other servers', async () => {
    const { guilds } = bot.store.repositories;
    // Removed yesterday and added back now, within the grace period: its row is still there.
    const returning = '100000000000000321';
    await guilds.ensure(returning, Date.now() - 30 * DAY);
    await guilds.setLeftAt(returning, Date.now() - DAY);
    const stranger = bot.discord.addGuild({ ownerId: MEMBER.id }).guildId;
    bot.discord.addGuild({ id: returning, ownerId: OWNER.id });

    await waitUntilOwner(OWNER, returning);
    const [stored] = await ownedBy(OWNER);
    expect(stored).toMatchObject({ guildId: returning, ownerId: OWNER.id });
    expect(stored!.checkedAt).toBeGreaterThan(Date.now() - 60_000);
    expect((await guilds.get(returning))?.leftAt).toBeNull();
    // No row is made for a server that never used AniTrack just to hold its owner.
    expect(await guilds.get(stranger)).toBeUndefined();
    expect(await ownedBy(MEMBER)).toEqual([]);
  });

  it('follows an ownership transfer from GUILD_UPDATE; the owner action then asks only about the new owner’s server', async () => {
    await bot.anime(ADMIN, 'admin setchannel', [option.channel('channel', bot.server.channelId)]);
    bot.discord.gateway.dispatch('GUILD_UPDATE', guildUpdate(OWNER.id));
    await waitUntilOwner(OWNER, bot.server.guildId);
    // The owner hands the server over to the admin.
    bot.discord.transferOwnership(bot.server.guildId, ADMIN.id);
    await waitUntilOwner(ADMIN, bot.server.guildId);
    expect(await ownedBy(OWNER)).toEqual([]);

    const before = lookups();
    expect(await disableOwned(OWNER)).toBe('AniTrack was not posting on any server you own.');
    expect(await disableOwned(ADMIN)).toBe('Done: AniTrack stopped posting on 1 server you own.');
    expect(lookups() - before).toBe(1);
    expect(bot.discord.webhooks(bot.server.channelId)).toEqual([]);
  });
});
