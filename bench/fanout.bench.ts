// One airing to 10,000 servers (each with its own webhook) through the real planner, worker and
// sender, against the local Discord enforcing 5 requests per 2 s per webhook and 50 per second
// globally, running in a process of its own so that only the product's CPU and memory are
// measured. Then planning alone at 100,000 deliveries. `--servers N` and `--planned N` change
// the sizes. Every figure is printed next to its limit, with the ratio of the two.
import { createWebhookSender } from '../src/delivery/discord/webhook-sender.ts';
import { DISCORD_GLOBAL_REQUESTS_PER_SECOND } from '../src/delivery/discord/global-rate-limit.ts';
import { createDeliveryWorker } from '../src/delivery/worker.ts';
import { createLogger } from '../src/logger.ts';
import { createDeliveryPlanner } from '../src/delivery/plan.ts';
import { DEFAULT_TIERS as BENCH_TIERS } from '../test/support/tiers.ts';
import { testMedia } from '../test/support/media.ts';
import { profiled } from './cpu-profile.ts';
import { figure, numberArgument as argument, round } from './figures.ts';
import { startRemoteDiscord } from './remote-discord.ts';
import { openBenchStore, tempStoreFile, withTempStore } from './temp-store.ts';
import { seedInAnotherProcess, seedServers } from './seed-servers.ts';

const HOUR = 3_600_000;
const MiB = 1024 * 1024;

const media = (id: number) => testMedia(id, { title: { romaji: `Bench Anime ${id}`, english: null, native: null } });

export async function fanoutBenchmark(): Promise<unknown> {
  return { fanout: await fanout(argument('servers', 10_000)), planning: await planning(argument('planned', 100_000)) };
}

async function fanout(servers: number) {
  const discord = await startRemoteDiscord();
  const file = tempStoreFile();
  try {
    const now = Date.now();
    // Seeded by another process: this one, like a worker starting up, only opens the database.
    await seedInAnotherProcess({
      store: file,
      media: [media(1)],
      airings: [{ mediaId: 1, episode: 5, anilistId: 15, airingAt: now }],
      servers: await discord.seed(servers),
      mediaIds: [1],
      now,
    });
    const { database, repositories } = await openBenchStore(file);
    try {
      const planner = createDeliveryPlanner({ ...repositories, tiers: BENCH_TIERS, now: Date.now, catchUpMs: 6 * HOUR, aheadMs: 168 * HOUR });
      const sender = createWebhookSender({ apiUrl: discord.apiUrl });
      const worker = createDeliveryWorker({
        repositories,
        sender,
        tiers: BENCH_TIERS,
        logger: createLogger({ level: 'silent' }),
        now: Date.now,
        catchUpMs: 6 * HOUR,
        leaseMs: 120_000,
        concurrency: 50,
      });
      const rssBefore = process.memoryUsage.rss();
      const due = Date.now();
      const cpuBefore = process.cpuUsage();
      const { profile } = await profiled('fanout', async () => {
        await planner.plan();
        await worker.drain();
      });
      const cpu = process.cpuUsage(cpuBefore);
      const seconds = (Date.now() - due) / 1000;
      // The kernel's count of the process's highest resident size since it started: exact, and
      // no sampling timer adds to the CPU measured.
      const lifetimePeakRss = process.resourceUsage().maxRSS * 1024;
      sender.close();
      const { messages, tooManyRequests } = await discord.summary();
      return {
        servers,
        messages,
        secondsFromDueToLastMessage: round(seconds, 1),
        messagesPerSecond: figure(round(messages / seconds, 1), DISCORD_GLOBAL_REQUESTS_PER_SECOND, { atLeast: 48 }),
        discord429s: figure(tooManyRequests, 0, { atMost: 0 }),
        cpuMsPerMessage: figure(round((cpu.user + cpu.system) / 1000 / messages, 3), 1, { below: 1 }),
        cpuSplitMsPerMessage: { user: round(cpu.user / 1000 / messages, 3), system: round(cpu.system / 1000 / messages, 3) },
        peakRssMiB: figure(Math.round(lifetimePeakRss / MiB), 200, { below: 200 }),
        rssBeforeFanOutMiB: Math.round(rssBefore / MiB),
        ...(profile && { profile }),
        note: 'CPU and memory are the product process only (planner, worker, sender, SQLite); the local Discord and the seeding of the database run in child processes',
      };
    } finally {
      await database.close();
    }
  } finally {
    await discord.close();
    file.remove();
  }
}

async function planning(planned: number) {
  return withTempStore(async (repositories) => {
    const now = Date.now();
    const animeCount = 10;
    const servers = Math.ceil(planned / animeCount);
    const ids = Array.from({ length: animeCount }, (_, index) => index + 1);
    await seedServers(repositories, {
      media: ids.map(media),
      airings: ids.map((id) => ({ mediaId: id, episode: 1, anilistId: id, airingAt: now + HOUR })),
      servers: Array.from({ length: servers }, (_, index) => ({
        guildId: `2${String(index).padStart(17, '0')}`,
        channelId: String(index + 1),
        webhook: { id: String(index + 1), token: 't' },
      })),
      mediaIds: ids,
      now,
    });
    const planner = createDeliveryPlanner({ ...repositories, tiers: BENCH_TIERS, now: () => now, catchUpMs: 6 * HOUR, aheadMs: 168 * HOUR });
    const rssBefore = process.memoryUsage.rss();
    let peakRss = rssBefore;
    // Planning awaits the database between batches, so the sampler gets its turns.
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 10);
    let firstMs = 0;
    let secondMs = 0;
    const { result, profile } = await profiled('planning', async () => {
      const started = performance.now();
      const first = await planner.plan();
      firstMs = performance.now() - started;
      const again = performance.now();
      const second = await planner.plan();
      secondMs = performance.now() - again;
      return { first, second };
    });
    const { first, second } = result;
    clearInterval(sampler);
    return {
      deliveries: first.planned,
      firstPlanMs: figure(Math.round(firstMs), 2000, { below: 2000 }),
      replanMs: figure(Math.round(secondMs), 500, { below: 500 }),
      replanChanges: second.planned + second.moved + second.cancelled,
      rssBeforeMiB: Math.round(rssBefore / 1024 / 1024),
      peakRssGrowthMiB: Math.round((peakRss - rssBefore) / 1024 / 1024),
      ...(profile && { profile }),
    };
  });
}
