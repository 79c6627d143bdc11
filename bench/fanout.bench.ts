// One airing to 10,000 servers (each with its own webhook) through the real planner, worker and
// sender, against the local Discord enforcing 5 requests per 2 s per webhook and 50 per second
// for the bot. Then planning alone at 100,000 deliveries. `--servers N` changes the fan-out size.
import { createWebhookSender } from '../src/delivery/discord/webhook-sender.ts';
import { createDeliveryWorker } from '../src/delivery/worker.ts';
import { createLogger } from '../src/logger.ts';
import { createDeliveryPlanner } from '../src/delivery/plan.ts';
import type { Repositories } from '../src/store/repositories.ts';
import { testMedia } from '../test/support/media.ts';
import { createFakeDiscord } from '@anitrack/discord-emulator';
import { withTempStore } from './temp-store.ts';

const HOUR = 3_600_000;

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const media = (id: number) => testMedia(id, { title: { romaji: `Bench Anime ${id}`, english: null, native: null } });

async function addGuild(
  repositories: Repositories,
  guildId: string,
  webhook: { id: string; token: string },
  channelId: string,
  mediaIds: number[],
  now: number,
) {
  await repositories.guilds.setNotifyChannel(guildId, { channelId, webhook }, now);
  for (const mediaId of mediaIds) await repositories.trackedAnime.add({ guildId, mediaId, nickname: `a${mediaId}`, addedBy: '1', now, maxPerGuild: null });
}

export async function fanoutBenchmark(): Promise<unknown> {
  return { fanout: await fanout(argument('servers', 10_000)), planning: await planning(argument('planned', 100_000)) };
}

async function fanout(servers: number) {
  const discord = createFakeDiscord({ rateLimits: { perWebhook: { limit: 5, windowMs: 2000 }, global: { limit: 50, windowMs: 1000 } } });
  const { apiUrl } = await discord.start();
  try {
    return await withTempStore(async (repositories) => {
      const now = Date.now();
      await repositories.media.upsertMany([media(1)]);
      await repositories.airings.upsertMany([{ mediaId: 1, episode: 5, anilistId: 15, airingAt: now }], now);
      for (let index = 0; index < servers; index++) {
        const { guildId, channelIds } = discord.addGuild({ ownerId: '930000000000000001', channels: [{ name: 'anime' }] });
        const [webhook] = discord.seedWebhooks(channelIds[0]!, 1);
        await addGuild(repositories, guildId, { id: webhook!.id, token: webhook!.token! }, channelIds[0]!, [1], now);
      }
      const planner = createDeliveryPlanner({ ...repositories, now: Date.now, catchUpMs: 6 * HOUR, aheadMs: 168 * HOUR });
      const sender = createWebhookSender({ apiUrl, maxPerSecond: 45 });
      const worker = createDeliveryWorker({
        repositories,
        sender,
        logger: createLogger({ level: 'silent' }),
        now: Date.now,
        catchUpMs: 6 * HOUR,
        leaseMs: 120_000,
        concurrency: 50,
      });
      const due = Date.now();
      await planner.plan();
      let peakRss = process.memoryUsage().rss;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
      const cpuBefore = process.cpuUsage();
      await worker.drain();
      const cpu = process.cpuUsage(cpuBefore);
      clearInterval(sampler);
      const seconds = (Date.now() - due) / 1000;
      const messages = discord.allMessages().length;
      return {
        servers,
        messages,
        messagesPerSecond: Math.round((messages / seconds) * 10) / 10,
        secondsFromDueToLastMessage: Math.round(seconds * 10) / 10,
        cpuMsPerMessage: Math.round(((cpu.user + cpu.system) / 1000 / messages) * 100) / 100,
        peakRssMiB: Math.round(peakRss / 1024 / 1024),
        discord429s: discord.counts().tooManyRequests,
        note: 'the whole process (sender, worker, SQLite and the local Discord) shares one Node.js process',
      };
    });
  } finally {
    await discord.close();
  }
}

async function planning(planned: number) {
  return withTempStore(async (repositories) => {
    const now = Date.now();
    const animeCount = 10;
    const servers = Math.ceil(planned / animeCount);
    const ids = Array.from({ length: animeCount }, (_, index) => index + 1);
    await repositories.media.upsertMany(ids.map(media));
    await repositories.airings.upsertMany(
      ids.map((id) => ({ mediaId: id, episode: 1, anilistId: id, airingAt: now + HOUR })),
      now,
    );
    for (let index = 0; index < servers; index++) {
      await addGuild(repositories, `2${String(index).padStart(17, '0')}`, { id: String(index + 1), token: 't' }, String(index + 1), ids, now);
    }
    const planner = createDeliveryPlanner({ ...repositories, now: () => now, catchUpMs: 6 * HOUR, aheadMs: 168 * HOUR });
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    // Planning awaits the database between batches, so the sampler gets its turns.
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
    const started = performance.now();
    const first = await planner.plan();
    const firstMs = performance.now() - started;
    const again = performance.now();
    const second = await planner.plan();
    const secondMs = performance.now() - again;
    clearInterval(sampler);
    return {
      deliveries: first.planned,
      firstPlanMs: Math.round(firstMs),
      replanMs: Math.round(secondMs),
      replanChanges: second.planned + second.moved + second.cancelled,
      rssBeforeMiB: Math.round(rssBefore / 1024 / 1024),
      peakRssGrowthMiB: Math.round((peakRss - rssBefore) / 1024 / 1024),
    };
  });
}
