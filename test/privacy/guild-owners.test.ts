// How the owner action learns who owns a server: from its stored row while that is less than a
// day old, otherwise with one GET /guilds/{id}; and what it does when Discord cannot say.
import type { API } from '@discordjs/core/http-only';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordRest } from '../../src/discord/rest.ts';
import { disableOwnedChannels } from '../../src/privacy/guild-data.ts';
import { createFakeDiscord, type FakeDiscord } from '@anitrack/discord-emulator';
import { createTestStore, DIALECTS, type TestStore } from '../support/stores.ts';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 26);
const [OWNER, STRANGER] = ['700000000000000001', '700000000000000005'];

describe.each(DIALECTS)('learning who owns a server on %s', (dialect) => {
  let store: TestStore;
  let discord: FakeDiscord;
  let api: API;
  beforeEach(async () => {
    store = await createTestStore(dialect);
    discord = createFakeDiscord();
    const { apiUrl } = await discord.start();
    api = createDiscordRest({ apiUrl, botToken: discord.botToken }).api;
  });
  afterEach(async () => {
    await discord.close();
    await store.dispose();
  });

  /** A server in Discord with an AniTrack webhook, and AniTrack's row for it. */
  const addServer = async (ownerId: string) => {
    const { guildId, channelIds } = discord.addGuild({ ownerId, channels: [{ name: 'anime' }] });
    await postIn(guildId, channelIds[0]!);
    return { guildId, channelId: channelIds[0]! };
  };
  const postIn = async (guildId: string, channelId: string) => {
    const [webhook] = discord.seedWebhooks(channelId, 1);
    await store.repositories.guilds.setNotifyChannel(guildId, { channelId, webhook: { id: webhook!.id, token: webhook!.token! } }, NOW);
  };
  const lookups = () =>
    discord
      .requests()
      .filter((request) => request.route === 'GET /guilds/:guildId')
      .map((request) => request.path);
  const disable = (userId: string, at: number) => disableOwnedChannels(store.repositories, api, userId, at);

  it('asks Discord again about servers whose owner was learned more than a day ago, and confirms the member’s own', async () => {
    const mine = await addServer(OWNER);
    const theirs = await addServer(STRANGER);
    expect(await disable(OWNER, NOW)).toEqual([mine.guildId]);
    expect(lookups()).toHaveLength(2);

    await postIn(mine.guildId, mine.channelId);
    expect(await disable(STRANGER, NOW + 23 * HOUR)).toEqual([theirs.guildId]);
    // Only the stranger's own server is confirmed (it may have changed hands); the other is not asked about.
    expect(lookups().slice(2)).toEqual([`/guilds/${theirs.guildId}`]);

    // A day on, the stored owners are too old to trust: each server with a channel is looked up once more.
    await postIn(theirs.guildId, theirs.channelId);
    expect(await disable(STRANGER, NOW + 47 * HOUR)).toEqual([theirs.guildId]);
    expect(lookups().slice(3).sort()).toEqual([`/guilds/${mine.guildId}`, `/guilds/${theirs.guildId}`].sort());
    expect(await store.repositories.guilds.getNotifyChannel(mine.guildId)).toBeDefined();
  });

  it('keeps the last owner it saw once the bot was removed, and skips a server Discord would not describe', async () => {
    const removed = await addServer(OWNER);
    const hidden = await addServer(OWNER);
    expect(await disable(STRANGER, NOW)).toEqual([]);

    discord.gateway.guildDelete(removed.guildId); // GET /guilds/{id} now answers 10004 Unknown Guild
    discord.failNext(`GET /guilds/${hidden.guildId}`, 403, { code: 50001, message: 'Missing Access' });
    const later = NOW + 25 * HOUR;
    expect(await disable(OWNER, later)).toEqual([removed.guildId]);
    expect(discord.webhooks(removed.channelId)).toEqual([]);
    // Unchecked, the server is not disabled on an old answer, and is asked about again next time.
    expect(await store.repositories.guilds.getNotifyChannel(hidden.guildId)).toBeDefined();
    expect((await store.repositories.guilds.ownersToRefresh(later - 24 * HOUR)).map((row) => row.guildId)).toEqual([hidden.guildId]);
    expect(await disable(OWNER, later + 1)).toEqual([hidden.guildId]);
  });
});
