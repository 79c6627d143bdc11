// One airing to 10,000 servers sent by 1, 2 and 4 worker processes (`anitrack start --role
// worker`, each with a loopback address of its own in OUTBOUND_ADDRESSES) on one PostgreSQL,
// against the local Discord in a process of its own, enforcing 50 requests a second per source
// address and 5 per 2 s per webhook. The workers are started and ready before the airing, as in
// production; the airing is planned a few seconds ahead, and the clock runs from the airing to
// the last message. `--servers N` and `--workers 1,2,4` change the sizes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDeliveryPlanner } from '../src/delivery/plan.ts';
import { DISCORD_GLOBAL_REQUESTS_PER_SECOND } from '../src/delivery/discord/global-rate-limit.ts';
import { DEFAULT_TIERS as BENCH_TIERS } from '../test/support/tiers.ts';
import { testMedia } from '../test/support/media.ts';
import { startRole, type RoleProcess } from '../test/support/role-process.ts';
import { waitFor } from '../test/support/cli.ts';
import { figure, numberArgument, round } from './figures.ts';
import { startBenchPostgres } from './postgres.ts';
import { startRemoteDiscord, type RemoteDiscord } from './remote-discord.ts';
import { seedInAnotherProcess } from './seed-servers.ts';
import { openBenchStore } from './temp-store.ts';

const HOUR = 3_600_000;
const ANIME = 1;
// Workers look for new work every 5 s while idle: planned this far ahead, each has armed its
// timer for the airing before it comes, as when a sync plans hours ahead.
const AIRING_LEAD_MS = 12_000;
// The 4-address target: every server told within a minute of the airing.
const ALL_TOLD_WITHIN_S = 60;

function workerCounts(): number[] {
  const index = process.argv.indexOf('--workers');
  const given = index >= 0 ? (process.argv[index + 1] ?? '').split(',').map(Number) : [];
  const valid = given.filter((count) => Number.isInteger(count) && count > 0 && count < 200);
  return valid.length > 0 ? valid : [1, 2, 4];
}

export async function scaleBenchmark(): Promise<unknown> {
  const servers = numberArgument('servers', 10_000);
  const postgres = await startBenchPostgres();
  const discord = await startRemoteDiscord();
  const dataDir = mkdtempSync(join(tmpdir(), 'anitrack-scale-'));
  try {
    const store = { url: await postgres.createDatabase(), key: randomBytes(32).toString('base64') };
    const now = Date.now();
    await seedInAnotherProcess({
      store,
      media: [testMedia(ANIME, { title: { romaji: 'Scale Bench Anime', english: null, native: null } })],
      airings: [],
      servers: await discord.seed(servers),
      mediaIds: [ANIME],
      now,
    });
    const { database, repositories } = await openBenchStore(store);
    const planner = createDeliveryPlanner({ ...repositories, tiers: BENCH_TIERS, now: Date.now, catchUpMs: 6 * HOUR, aheadMs: 168 * HOUR });
    const settings = {
      DATABASE_URL: store.url,
      ENCRYPTION_KEY: store.key,
      DATA_DIR: dataDir,
      PORT: '0',
      METRICS_PORT: '0',
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_APPLICATION_ID: discord.application.id,
      DISCORD_BOT_TOKEN: discord.application.botToken,
      DISCORD_PUBLIC_KEY: discord.application.publicKeyHex,
      INTERACTIONS_MODE: 'http',
    };
    try {
      const rounds = [];
      let episode = 0;
      for (const workers of workerCounts()) {
        episode += 1;
        const airAt = async (airingAt: number) => {
          await repositories.airings.upsertMany([{ mediaId: ANIME, episode, anilistId: 1000 + episode, airingAt }], Date.now());
          await planner.plan();
        };
        rounds.push(await oneAiring({ workers, servers, discord, settings, dataDir, airAt }));
      }
      const base = rounds[0]!;
      return {
        servers,
        rounds,
        // Near-linear growth: each round's rate over the first round's, next to its number of addresses over the first's.
        growth: rounds.map((entry) => ({
          workers: entry.workers,
          rateGrowth: round(entry.messagesPerSecond.value / base.messagesPerSecond.value, 2),
          addressGrowth: round(entry.workers / base.workers, 2),
        })),
        note: 'each worker is a process of its own with one loopback address; the local Discord (a child process) counts 50 a second per source address and 5 per 2 s per webhook',
      };
    } finally {
      await database.close();
    }
  } finally {
    await discord.close();
    await postgres.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface AiringRound {
  workers: number;
  servers: number;
  discord: RemoteDiscord;
  settings: Record<string, string>;
  dataDir: string;
  /** Makes an episode air at that moment and plans it, as the scheduler does. */
  airAt(airingAt: number): Promise<void>;
}

async function oneAiring(options: AiringRound) {
  const { workers, servers, discord } = options;
  const addresses = Array.from({ length: workers }, (_, index) => `127.0.0.${2 + index}`);
  const processes: RoleProcess[] = addresses.map((address) =>
    startRole('worker', { cwd: options.dataDir, settings: { ...options.settings, OUTBOUND_ADDRESSES: address } }),
  );
  try {
    await Promise.all(
      processes.map((worker) =>
        waitFor(async () => ((await worker.readyz()).status === 200 ? true : undefined), 120_000, 200).catch(() => {
          throw new Error(`a worker did not get ready:\n${worker.output().slice(-3000)}`);
        }),
      ),
    );
    const start = await discord.summary();
    const airingAt = Date.now() + AIRING_LEAD_MS;
    await options.airAt(airingAt);
    const limitPerSecond = DISCORD_GLOBAL_REQUESTS_PER_SECOND * workers;
    const deadline = airingAt + (servers / limitPerSecond) * 3000 + 30_000;
    let lastMessageAt = airingAt;
    let seen = 0;
    for (;;) {
      const now = await discord.summary(start.position);
      if (now.messages > seen) {
        seen = now.messages;
        lastMessageAt = Date.now();
      }
      if (now.channels >= servers || Date.now() > deadline) break;
      await sleep(100);
    }
    // A message sent twice would arrive now.
    await sleep(1000);
    const final = await discord.summary(start.position);
    const seconds = (lastMessageAt - airingAt) / 1000;
    const rate = round(final.channels / seconds, 1);
    return {
      workers,
      serversTold: final.channels,
      messages: final.messages,
      secondsFromAiringToLastMessage: figure(round(seconds, 1), ALL_TOLD_WITHIN_S, workers >= 4 ? { atMost: ALL_TOLD_WITHIN_S } : { atLeast: 0 }),
      messagesPerSecond: figure(rate, limitPerSecond, { atLeast: round(limitPerSecond * 0.95, 1) }),
      discord429s: figure(final.tooManyRequests, 0, { atMost: 0 }),
      duplicates: figure(final.messages - final.channels, 0, { atMost: 0 }),
      requestsBySourceAddress: final.bySourceAddress,
    };
  } finally {
    for (const worker of processes) worker.child.kill('SIGTERM');
    await Promise.all(processes.map((worker) => worker.exited));
  }
}
