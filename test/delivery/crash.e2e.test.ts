// SIGKILL in the middle of a fan-out, and a restart at once: every server has its notification
// within seconds of the restart (not when the dead process's leases would have run out), and at
// most the deliveries that were in flight at the moment of the kill went out twice.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';
import { createKyselyRepositories } from '../../src/store/kysely/index.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { createSecretBox } from '../../src/store/secrets.ts';
import { createFakeAniList, fakeMedia, type FakeAniList } from '@anitrack/anilist-emulator';
import { createFakeDiscord, type FakeDiscord } from '@anitrack/discord-emulator';
import { collect, emptyFolder, spawnAnitrack, waitFor } from '../support/cli.ts';

const SERVERS = 120;
const KILL_AT_MESSAGE = 15;
// Every server must be told this soon after the restart.
const RESTART_DEADLINE_MS = 30_000;
const ANIME = 77;
// The worker's pool: no more than this many notifications are ever in flight at once.
const IN_FLIGHT_BOUND = 50;

describe('a crash during a fan-out', () => {
  let discord: FakeDiscord;
  let anilist: FakeAniList;
  beforeEach(async () => {
    discord = createFakeDiscord();
    anilist = createFakeAniList();
  });
  afterEach(async () => {
    await discord.close();
    await anilist.close();
  });

  it(`loses no server's notification and repeats at most the in-flight ones (${SERVERS} servers)`, async () => {
    const { apiUrl } = await discord.start();
    const anilistUrl = await anilist.start();
    const airingAt = Math.floor(Date.now() / 1000) - 60;
    anilist.setMedia([fakeMedia(ANIME)]);
    anilist.setAirings([{ id: 1, mediaId: ANIME, episode: 2, airingAt }]);

    const cwd = emptyFolder();
    const key = randomBytes(32).toString('base64');
    const databaseUrl = `sqlite:${join(cwd, 'anitrack.db')}`;
    const database = openDatabase(databaseUrl);
    await migrateToLatest(database);
    const repositories = createKyselyRepositories(database, createSecretBox(Buffer.from(key, 'base64')));
    const channels: string[] = [];
    for (let index = 0; index < SERVERS; index++) {
      const { guildId, channelIds } = discord.addGuild({ ownerId: '910000000000000001', channels: [{ name: 'anime' }] });
      const [webhook] = discord.seedWebhooks(channelIds[0]!, 1);
      await repositories.guilds.setNotifyChannel(guildId, { channelId: channelIds[0]!, webhook: { id: webhook!.id, token: webhook!.token! } }, Date.now());
      await repositories.trackedAnime.add({ guildId, mediaId: ANIME, nickname: 'show', addedBy: '1', now: Date.now(), maxPerGuild: null });
      channels.push(channelIds[0]!);
    }
    await database.close();

    const settings = {
      DATABASE_URL: databaseUrl,
      DATA_DIR: cwd,
      ENCRYPTION_KEY: key,
      PORT: '0',
      DISCORD_API_URL: apiUrl,
      // A Discord application is configured (else `start` would run the sandbox); no gateway.
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_BOT_TOKEN: discord.botToken,
      DISCORD_PUBLIC_KEY: discord.publicKeyHex,
      INTERACTIONS_MODE: 'http',
      ANILIST_API_URL: anilistUrl,
      ANILIST_REQUESTS_PER_MINUTE: '90',
      LOG_LEVEL: process.env.CRASH_LOG_LEVEL ?? 'warn',
    };
    const notifications = () => discord.allMessages().length;

    const first = spawnAnitrack(['start'], { cwd, settings });
    const firstRun = collect(first);
    await waitFor(async () => (notifications() >= KILL_AT_MESSAGE ? true : undefined), 60_000, 5).catch(async (error: unknown) => {
      first.kill('SIGKILL');
      const output = await firstRun;
      throw new Error(`${String(error)}\n${output.stdout.slice(-3000)}\n${output.stderr.slice(-3000)}`);
    });
    first.kill('SIGKILL');
    await firstRun;
    const beforeRestart = notifications();
    expect(beforeRestart).toBeLessThan(SERVERS);

    const restartedAt = Date.now();
    const second = spawnAnitrack(['start'], { cwd, settings });
    const secondRun = collect(second);
    await waitFor(async () => (new Set(discord.allMessages().map((message) => message.channelId)).size === SERVERS ? true : undefined), 90_000);
    const allToldAfterMs = Date.now() - restartedAt;
    // Give a straggler a moment to show up before counting.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    second.kill('SIGTERM');
    const secondOutput = await secondRun;

    const perChannel = new Map<string, number>();
    for (const message of discord.allMessages()) perChannel.set(message.channelId, (perChannel.get(message.channelId) ?? 0) + 1);
    const duplicates = [...perChannel.values()].reduce((sum, count) => sum + count - 1, 0);
    console.log(
      `[crash test] ${beforeRestart} sent before SIGKILL, ${notifications()} in all for ${SERVERS} servers: ${duplicates} sent twice; every server told ${(allToldAfterMs / 1000).toFixed(1)} s after the restart`,
    );
    expect(channels.every((channel) => (perChannel.get(channel) ?? 0) >= 1)).toBe(true);
    expect(allToldAfterMs).toBeLessThan(RESTART_DEADLINE_MS);
    expect(duplicates).toBeLessThanOrEqual(IN_FLIGHT_BOUND);
    expect(secondOutput.code).toBe(0);
  }, 180_000);
});
