// What must be refused, with the right message and nothing written.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, MEMBER, MOD, option, OWNER, startBot, type BotHarness } from '../support/bot-harness.ts';
import { CANCELLED, commandFixtures, FAR_FUTURE, FILLERS, FINISHED, FRIEREN, HIATUS } from './fixtures.ts';

describe('refusals', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await startBot('sqlite', commandFixtures());
  });
  afterEach(async () => {
    await bot.close();
  });
  const tracked = () => bot.store.repositories.trackedAnime.listForGuild(bot.server.guildId);

  it('refuses requests Discord did not sign, and bodies that are not interactions', async () => {
    const interaction = bot.discord.commandInteraction({
      guildId: bot.server.guildId,
      channelId: bot.server.channelId,
      user: MEMBER,
      name: 'anime',
      options: [option.subcommand('list')],
    });
    expect((await bot.discord.deliverInteraction(bot.endpoint, interaction, { signature: 'missing' })).status).toBe(401);
    expect((await bot.discord.deliverInteraction(bot.endpoint, interaction, { signature: 'invalid' })).status).toBe(401);

    const body = JSON.stringify(interaction);
    const signed = bot.discord.signInteraction(body);
    const tampered = await fetch(bot.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signed },
      body: body.replace('"list"', '"add"'),
    });
    expect(tampered.status).toBe(401);
    const notJson = '{"type": 2, oops';
    const malformed = await fetch(bot.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bot.discord.signInteraction(notJson) },
      body: notJson,
    });
    expect(malformed.status).toBe(400);
    const strange = '{"type": 99}';
    expect((await fetch(bot.endpoint, { method: 'POST', headers: { ...bot.discord.signInteraction(strange) }, body: strange })).status).toBe(400);
    const ping = await bot.discord.deliverInteraction(bot.endpoint, bot.discord.pingInteraction());
    expect(ping).toMatchObject({ status: 200, body: { type: 1 } });
  });

  it('refuses anime that cannot air any more, duplicates and taken nicknames, writing nothing', async () => {
    const add = (anime: string | number, nickname?: string) =>
      bot.anime(MEMBER, 'add', [option.string('anime', String(anime)), ...(nickname ? [option.string('nickname', nickname)] : [])]);
    expect((await add(FINISHED)).content).toBe('**Owatta Anime** has finished airing, so there are no episodes left to announce.');
    expect((await add(CANCELLED)).content).toBe('**Chuushi Anime** was cancelled, so there are no episodes to announce.');
    expect((await add(HIATUS)).content).toBe('**Yasumi Anime** is on hiatus. Add it again when AniList lists new episodes.');
    expect((await add(FAR_FUTURE)).content).toMatch(/^\*\*Mirai Anime\*\* premieres <t:\d+:D>\. Anime can be added from 60 days before their first episode\.$/);
    expect((await add(999_999)).content).toBe('AniList has no anime like that. Pick one from the suggestions, or check the id.');
    expect(await tracked()).toEqual([]);

    await add(FRIEREN, 'frieren');
    const duplicate = await add(FRIEREN, 'other');
    expect(duplicate).toMatchObject({ ephemeral: true, content: 'That anime is already on this server\'s list as "frieren".' });
    expect((await add(FILLERS[0]!, 'FRIEREN')).content).toBe('The nickname "frieren" is already used by another anime on this server\'s list.');
    expect((await add(FILLERS[0]!, '@everyone')).content).toContain('The `nickname` option is not valid');
    expect(await tracked()).toHaveLength(1);
  });

  it('stops a free server at 8 anime', async () => {
    for (const id of FILLERS.slice(0, 8)) expect((await bot.anime(MEMBER, 'add', [option.string('anime', String(id))])).content).toContain('Added');
    const ninth = await bot.anime(MEMBER, 'add', [option.string('anime', String(FILLERS[8]))]);
    expect(ninth).toMatchObject({ ephemeral: true });
    expect(ninth.content).toBe("This server's list is full (8 anime). Remove an anime first, or unlock a bigger list with AniTrack premium.");
    expect(await tracked()).toHaveLength(8);
  }, 30_000);

  it('keeps admin commands to server managers, and role locks to their roles', async () => {
    const denied = await bot.anime(MEMBER, 'admin settings', [option.integer('delay', 30)]);
    expect(denied).toMatchObject({ ephemeral: true, content: 'Only members with the Manage Server or Administrator permission can use this command.' });
    expect((await bot.store.repositories.guilds.get(bot.server.guildId))?.postAirDelayMinutes ?? 0).toBe(0);

    const locked = await bot.anime(ADMIN, 'admin editpermission', [
      option.boolean('enable', true),
      option.string('command', 'add'),
      option.role('role', bot.server.modsRoleId),
    ]);
    expect(locked.content).toBe(`\`/anime add\` is now limited to members with <@&${bot.server.modsRoleId}> (and server managers).`);
    const refused = await bot.anime(MEMBER, 'add', [option.string('anime', String(FRIEREN))]);
    expect(refused.content).toBe(`On this server, \`add\` is limited to members with the role <@&${bot.server.modsRoleId}>.`);
    expect(await tracked()).toEqual([]);
    expect((await bot.anime(MOD, 'add', [option.string('anime', String(FRIEREN))])).content).toContain('Added');
    expect((await bot.anime(OWNER, 'remove', [option.string('anime', String(FRIEREN))])).content).toContain('Removed');

    await bot.anime(ADMIN, 'admin editpermission', [
      option.boolean('enable', false),
      option.string('command', 'add'),
      option.role('role', bot.server.modsRoleId),
    ]);
    expect((await bot.anime(MEMBER, 'add', [option.string('anime', String(FRIEREN))])).content).toContain('Added');
  });

  it('answers unknown commands and bad options in plain words', async () => {
    expect((await bot.command(MEMBER, 'anime', [option.subcommand('dance')])).content).toBe(
      "I don't know that command. It may have been removed; try `/help`.",
    );
    expect((await bot.command(MEMBER, 'teleport')).content).toBe("I don't know that command. It may have been removed; try `/help`.");
    expect((await bot.anime(MEMBER, 'schedule', [option.integer('days', 9)])).content).toBe('The `days` option is not valid: use at most 7.');
    expect((await bot.anime(MEMBER, 'add')).content).toBe('The `anime` option is required: please fill it in.');
    expect((await bot.anime(MEMBER, 'analytics', [option.string('view', 'bogus')])).content).toBe(
      'The `view` option is not valid: choose one of top_added, top_subscribed, random.',
    );
  });
});

describe('maintenance switch', () => {
  it('answers every command with the notice', async () => {
    const bot = await startBot('sqlite', {
      ...commandFixtures(),
      settings: { MAINTENANCE_MESSAGE: 'AniTrack is being upgraded.', STATUS_PAGE_URL: 'https://status.example.org' },
    });
    try {
      const answer = await bot.anime(MEMBER, 'add', [option.string('anime', String(FRIEREN))]);
      expect(answer).toMatchObject({ ephemeral: true, content: 'AniTrack is being upgraded.\nStatus: <https://status.example.org>' });
      expect(await bot.store.repositories.trackedAnime.listForGuild(bot.server.guildId)).toEqual([]);
    } finally {
      await bot.close();
    }
  });
});
