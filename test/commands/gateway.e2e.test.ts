// The same commands over the gateway (INTERACTIONS_MODE=gateway), answered through Discord's
// callback URL; the connection resumes after a drop, and a removal from a server is recorded.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../support/cli.ts';
import { ADMIN, MEMBER, option, startBot, type BotHarness } from '../support/bot-harness.ts';
import { commandFixtures, FRIEREN } from './fixtures.ts';

describe('the gateway transport', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await startBot('sqlite', { ...commandFixtures(), mode: 'gateway' });
    await waitFor(async () => (bot.discord.gateway.connected() > 0 && bot.discord.gateway.sessions().identifies > 0 ? true : undefined));
  });
  afterEach(async () => {
    await bot.close();
  });

  it('identifies with only the GUILDS intent and runs add → list → remove, also after a dropped connection', async () => {
    expect(bot.discord.gateway.identifiedIntents()).toEqual([1]);
    const added = await bot.anime(MEMBER, 'add', [option.string('anime', String(FRIEREN))]);
    expect(added.content).toContain("Added **Sousou no Frieren** to this server's list as `Frieren`.");
    expect(bot.discord.interactionResponses(added.interactionId)[0]).toMatchObject({ kind: 'callback', via: 'callback-url' });

    bot.discord.gateway.dropConnections();
    await waitFor(async () => (bot.discord.gateway.sessions().resumes > 0 && bot.discord.gateway.connected() > 0 ? true : undefined));
    expect((await bot.anime(MEMBER, 'list')).content).toMatch(/`Frieren` — Sousou no Frieren/);
    expect((await bot.anime(ADMIN, 'remove', [option.string('anime', 'Frieren')])).content).toContain('Removed `Frieren`');
    expect(await bot.store.repositories.trackedAnime.listForGuild(bot.server.guildId)).toEqual([]);
    expect(bot.discord.gateway.sessions().identifies).toBe(1);
  });

  it('records when the bot is removed from a server', async () => {
    await bot.anime(MEMBER, 'add', [option.string('anime', String(FRIEREN))]);
    bot.discord.gateway.guildDelete(bot.server.guildId);
    const leftAt = await waitFor(async () => (await bot.store.repositories.guilds.get(bot.server.guildId))?.leftAt ?? undefined);
    expect(leftAt).toBeGreaterThan(Date.now() - 60_000);
  });
});
