// The main flow through the real HTTP endpoint with signed payloads, on both databases.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, MEMBER, option, startBot, type BotHarness } from '../support/bot-harness.ts';
import { DIALECTS } from '../support/stores.ts';
import { commandFixtures, FRIEREN } from './fixtures.ts';

describe.each(DIALECTS)('/anime add, list, remove on %s', (dialect) => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await startBot(dialect, commandFixtures());
  });
  afterEach(async () => {
    await bot.close();
  });

  it('suggests anime while typing, adds one with its next episode, lists it, and removes it', async () => {
    const choices = await bot.autocomplete(MEMBER, 'add', [option.string('anime', 'frieren', true)], 'anime');
    expect(choices[0]).toEqual({ name: 'Sousou no Frieren (2026 TV)', value: String(FRIEREN) });

    const added = await bot.anime(MEMBER, 'add', [option.string('anime', String(FRIEREN))]);
    expect(added.status).toBe(200);
    expect(added.content).toContain("Added **Sousou no Frieren** to this server's list as `Frieren`.");
    expect(added.content).toMatch(/Episode 5 airs <t:\d+:f> \(<t:\d+:R>\)\./);
    expect(added.content).toContain('an admin can pick one with `/anime admin setchannel`');
    expect(await bot.store.repositories.trackedAnime.listForGuild(bot.server.guildId)).toMatchObject([
      { mediaId: FRIEREN, nickname: 'Frieren', addedBy: MEMBER.id },
    ]);
    expect(await bot.store.repositories.media.get(FRIEREN)).toMatchObject({ title: { romaji: 'Sousou no Frieren' } });
    // The first command made the server's row, and the server counts as in use from then on
    // (retention keeps it while its commands are used).
    const lastSeen = async () =>
      Number(
        (await bot.store.database.db.selectFrom('guilds').select('last_seen_at').where('id', '=', bot.server.guildId).executeTakeFirstOrThrow()).last_seen_at,
      );
    await expect.poll(lastSeen).toBeGreaterThan(Date.now() - 60_000);

    const listed = await bot.anime(MEMBER, 'list');
    expect(listed.content).toContain("This server's anime (1 of 8)");
    expect(listed.content).toMatch(/`Frieren` — Sousou no Frieren · ep 5 <t:\d+:R>/);

    const removed = await bot.anime(ADMIN, 'remove', [option.string('anime', 'frieren')]);
    expect(removed.content).toBe("Removed `Frieren` (Sousou no Frieren) from this server's list. Its subscribers will no longer be pinged.");
    expect(await bot.store.repositories.trackedAnime.listForGuild(bot.server.guildId)).toEqual([]);
    expect((await bot.anime(MEMBER, 'list')).content).toBe("This server's list is empty. Add an anime with `/anime add`.");
  });
});
