// Command registration and the guild model's read routes through @discordjs/rest: the bulk
// overwrite the product's register-commands step does, Discord's naming rules, and the 404
// codes a client must tell apart.
import { Routes, type APIApplicationCommand, type APIChannel, type APIGuild, type APIGuildMember } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAnimeServer, apiError, BOT_ROLE_ID, GUILD_ID, MEMBER_ID, MOD_ROLE_ID, OWNER_ID, startDiscord, type Started } from './helpers.ts';

let fake: Started;
let channels: ReturnType<typeof addAnimeServer>;

beforeEach(async () => {
  fake = await startDiscord();
  channels = addAnimeServer(fake.discord);
});
afterEach(() => fake.close());

const anime = {
  name: 'anime',
  description: 'Track airing anime',
  options: [
    { type: 1, name: 'add', description: 'Track a show', options: [{ type: 3, name: 'anime', description: 'Title', required: true, autocomplete: true }] },
    { type: 2, name: 'admin', description: 'Server settings', options: [{ type: 1, name: 'setchannel', description: 'Where episodes are posted' }] },
  ],
};
const help = { name: 'help', description: 'How AniTrack works' };

describe('bulk overwrite of application commands', () => {
  it('registers global and guild commands with ids, application_id and version, and lists them', async () => {
    const appId = fake.discord.applicationId;
    const global = (await fake.rest.put(Routes.applicationCommands(appId), { body: [anime, help] })) as APIApplicationCommand[];
    expect(global.map((command) => command.name)).toEqual(['anime', 'help']);
    for (const command of global)
      expect(command).toMatchObject({ id: expect.stringMatching(/^\d{17,20}$/), application_id: appId, version: expect.any(String), type: 1 });

    const guild = (await fake.rest.put(Routes.applicationGuildCommands(appId, GUILD_ID), { body: [help] })) as APIApplicationCommand[];
    expect(guild[0]).toMatchObject({ name: 'help', guild_id: GUILD_ID });
    expect(await fake.rest.get(Routes.applicationCommands(appId))).toEqual(global);
    expect(fake.discord.commands({ guildId: GUILD_ID }).map((command) => command.name)).toEqual(['help']);
  });

  it('keeps a command id across overwrites and drops commands left out', async () => {
    const appId = fake.discord.applicationId;
    const [first] = (await fake.rest.put(Routes.applicationCommands(appId), { body: [anime, help] })) as APIApplicationCommand[];
    const again = (await fake.rest.put(Routes.applicationCommands(appId), {
      body: [{ ...anime, description: 'Track airing anime!' }],
    })) as APIApplicationCommand[];
    expect(again).toHaveLength(1);
    expect(again[0]?.id).toBe(first?.id);
    expect(again[0]?.version).not.toBe(first?.version);
    expect(fake.discord.commands().map((command) => command.name)).toEqual(['anime']);
  });

  it('refuses invalid names, descriptions and too many choices with 50035 at the right path', async () => {
    const appId = fake.discord.applicationId;
    const put = (body: unknown) => apiError(fake.rest.put(Routes.applicationCommands(appId), { body }));
    const upper = await put([help, { name: 'Anime', description: 'x' }]);
    expect([upper.status, upper.code]).toEqual([400, 50035]);
    expect(upper.rawError).toMatchObject({ errors: { 1: { name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME' }] } } } });

    const longDescription = await put([{ name: 'help', description: 'd'.repeat(101) }]);
    expect(longDescription.rawError).toMatchObject({ errors: { 0: { description: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } } } });

    const choices = Array.from({ length: 26 }, (_, index) => ({ name: `day ${index}`, value: index }));
    const tooMany = await put([{ name: 'schedule', description: 'Upcoming', options: [{ type: 4, name: 'days', description: 'Days', choices }] }]);
    expect(tooMany.rawError).toMatchObject({ errors: { 0: { options: { 0: { choices: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } } } });
    expect(fake.discord.commands()).toEqual([]);
  });
});

describe('guild model reads', () => {
  it('returns the guild with roles and owner, its channels with overwrites, and members with roles', async () => {
    const guild = (await fake.rest.get(Routes.guild(GUILD_ID))) as APIGuild;
    expect(guild).toMatchObject({ id: GUILD_ID, name: 'Anime Club', owner_id: OWNER_ID });
    expect(guild.roles.map((role) => role.id)).toEqual([GUILD_ID, BOT_ROLE_ID, MOD_ROLE_ID]);

    const locked = (await fake.rest.get(Routes.channel(channels.lockedId))) as APIChannel;
    expect(locked).toMatchObject({ id: channels.lockedId, guild_id: GUILD_ID, type: 0, permission_overwrites: [{ id: BOT_ROLE_ID, type: 0, allow: '0' }] });
    const listed = (await fake.rest.get(Routes.guildChannels(GUILD_ID))) as APIChannel[];
    expect(listed.map((channel) => channel.id)).toEqual([channels.animeId, channels.lockedId]);

    const member = (await fake.rest.get(Routes.guildMember(GUILD_ID, MEMBER_ID))) as APIGuildMember;
    expect(member).toMatchObject({ roles: [MOD_ROLE_ID], user: { id: MEMBER_ID, username: 'mina' } });
    expect(await fake.rest.get(Routes.user('@me'))).toMatchObject({ id: fake.discord.botUserId, bot: true });
  });

  it('answers unknown ids with 10004, 10003, 10007 and 10011', async () => {
    const codes = await Promise.all(
      [
        Routes.guild('120000000000000009'),
        Routes.channel('140000000000000009'),
        Routes.guildMember(GUILD_ID, '110000000000000009'),
        Routes.guildRole(GUILD_ID, '130000000000000009'),
      ].map(async (route) => {
        const error = await apiError(fake.rest.get(route));
        return [error.status, error.code];
      }),
    );
    expect(codes).toEqual([
      [404, 10004],
      [404, 10003],
      [404, 10007],
      [404, 10011],
    ]);
  });

  it('hides a guild the bot was removed from (10004, as for one that never existed)', async () => {
    fake.discord.gateway.guildDelete(GUILD_ID);
    expect((await apiError(fake.rest.get(Routes.guild(GUILD_ID)))).code).toBe(10004);
  });

  it('answers 401 with code 0 to a wrong bot token', async () => {
    const { REST } = await import('@discordjs/rest');
    const stranger = new REST({ api: fake.apiUrl, version: '10' }).setToken('not-the-token');
    const error = await apiError(stranger.get(Routes.user('@me')));
    stranger.clearHashSweeper();
    stranger.clearHandlerSweeper();
    expect([error.status, error.code, error.message]).toEqual([401, 0, '401: Unauthorized']);
  });
});
