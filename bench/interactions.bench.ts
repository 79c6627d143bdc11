// Signed /anime add (AniList data already cached) and autocomplete requests against the real
// POST /interactions endpoint on loopback, 200 in flight, as Discord would send them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { createFakeAniList, fakeMedia, weeklyAirings } from '@anitrack/anilist-emulator';
import { createFakeDiscord, option } from '@anitrack/discord-emulator';
import { load, type PreparedRequest } from './latency.ts';

const REQUESTS = 2000;
const CONCURRENCY = 200;
const ANIME = 5114;

export async function interactionsBenchmark(): Promise<unknown> {
  const anilist = createFakeAniList({ rateLimit: { limit: 1_000_000 } });
  const anilistUrl = await anilist.start();
  anilist.setMedia([fakeMedia(ANIME, { title: { romaji: 'Hagane no Renkinjutsushi', english: null, native: null } })]);
  anilist.setAirings(weeklyAirings(ANIME, Math.floor(Date.now() / 1000) + 86_400, 3));
  const discord = createFakeDiscord();
  const { apiUrl } = await discord.start();
  const dataDir = mkdtempSync(join(tmpdir(), 'anitrack-bench-'));
  const config = loadConfig({
    env: {
      DATABASE_URL: `sqlite:${join(dataDir, 'bench.db')}`,
      DATA_DIR: dataDir,
      PORT: '0',
      METRICS_PORT: '0',
      ANILIST_API_URL: anilistUrl,
      DISCORD_API_URL: apiUrl,
      DISCORD_APPLICATION_ID: discord.applicationId,
      DISCORD_PUBLIC_KEY: discord.publicKeyHex,
      DISCORD_BOT_TOKEN: discord.botToken,
      INTERACTIONS_MODE: 'http',
      FREE_MAX_ANIME: 'unlimited',
    },
    envFile: join(dataDir, '.env'),
  });
  const app = await createApp(config, createLogger({ level: 'silent' }));
  const endpoint = `${await app.start()}/interactions`;
  const user = { id: '990000000000000001', username: 'bench' };
  const guildFor = (index: number) => `9${String(index).padStart(17, '0')}`;
  const prepare = (interaction: object): PreparedRequest => {
    const body = JSON.stringify(interaction);
    return { headers: { 'content-type': 'application/json', ...discord.signInteraction(body) }, body };
  };
  const post = async (interaction: object) => {
    const request = prepare(interaction);
    const response = await fetch(endpoint, { method: 'POST', headers: request.headers, body: request.body });
    await response.arrayBuffer();
    return response.status === 200;
  };
  const addRequest = (index: number) =>
    prepare(
      discord.commandInteraction({
        guildId: guildFor(index),
        channelId: '1',
        user,
        name: 'anime',
        options: [option.subcommand('add', [option.string('anime', String(ANIME))])],
      }),
    );
  const autocompleteRequest = (index: number) =>
    prepare(
      discord.autocompleteInteraction({
        guildId: guildFor(index),
        channelId: '1',
        user,
        name: 'anime',
        options: [option.subcommand('add', [option.string('anime', 'hagane', true)])],
      }),
    );
  try {
    // Warm the AniList cache as a first add would.
    await post(
      discord.commandInteraction({
        guildId: guildFor(0),
        channelId: '1',
        user,
        name: 'anime',
        options: [option.subcommand('add', [option.string('anime', String(ANIME))])],
      }),
    );
    await post(
      discord.autocompleteInteraction({
        guildId: guildFor(0),
        channelId: '1',
        user,
        name: 'anime',
        options: [option.subcommand('add', [option.string('anime', 'hagane', true)])],
      }),
    );
    const requestsBefore = anilist.counts().received;

    const add = await load(
      endpoint,
      Array.from({ length: REQUESTS }, (_, index) => addRequest(index + 1)),
      CONCURRENCY,
    );
    const autocomplete = await load(
      endpoint,
      Array.from({ length: REQUESTS }, (_, index) => autocompleteRequest(index + 1)),
      CONCURRENCY,
    );
    return {
      add,
      autocomplete,
      aniListRequestsDuringLoad: anilist.counts().received - requestsBefore,
      tracked: (await app.store.repositories.trackedAnime.mostTracked(1))[0]?.count,
    };
  } finally {
    await app.stop();
    await discord.close();
    await anilist.close();
  }
}
