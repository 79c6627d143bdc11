// The notification engine against a local Discord and a real database: servers with a channel
// and our webhook in it, anime and airings in the store, a planner and a worker on a test clock.
import { createWebhookSender, type WebhookSender } from '../../src/delivery/discord/webhook-sender.ts';
import { createDeliveryWorker, type DeliveryWorker, type WorkerOptions } from '../../src/delivery/worker.ts';
import { createLogger } from '../../src/logger.ts';
import { createDeliveryPlanner, type DeliveryPlanner } from '../../src/delivery/plan.ts';
import type { StoreDialect } from '../../src/store/database.ts';
import type { Repositories } from '../../src/store/repositories.ts';
import type { Media } from '../../src/domain/media.ts';
import { testMedia } from './media.ts';
import { createFakeDiscord, type FakeDiscord } from '@anitrack/discord-emulator';
import { createTestStore, type TestStore } from './stores.ts';
import { DEFAULT_TIERS } from './tiers.ts';

export const HOUR = 3_600_000;

export interface Server {
  guildId: string;
  channelId: string;
  webhookId: string;
}

export interface DeliveryHarness {
  store: TestStore;
  discord: FakeDiscord;
  /** The local Discord's API base, for senders of a test's own. */
  apiUrl: string;
  sender: WebhookSender;
  planner: DeliveryPlanner;
  clock: { now: number };
  worker(options?: { repositories?: Repositories; sender?: WebhookSender; concurrency?: number; onResult?: WorkerOptions['onResult'] }): DeliveryWorker;
  addServers(count: number, mediaIds: number[]): Promise<Server[]>;
  addAnime(id: number, airings: { episode: number; airingAt: number }[], changes?: Partial<Media>): Promise<void>;
  close(): Promise<void>;
}

/** `maxPerSecond`: the sender's global allowance, above Discord's 50 only for a test that turns the stand-in's limits off. */
export async function startDeliveryHarness(
  dialect: StoreDialect,
  options: { start: number; catchUpMs?: number; maxPerSecond?: number },
): Promise<DeliveryHarness> {
  const store = await createTestStore(dialect);
  const discord = createFakeDiscord();
  const { apiUrl } = await discord.start();
  const clock = { now: options.start };
  const now = () => clock.now;
  const catchUpMs = options.catchUpMs ?? 6 * HOUR;
  const sender = createWebhookSender({ apiUrl, ...(options.maxPerSecond !== undefined && { maxPerSecond: options.maxPerSecond }) });
  const planner = createDeliveryPlanner({ ...store.repositories, tiers: DEFAULT_TIERS, now, catchUpMs, aheadMs: 7 * 24 * HOUR });
  const workers: DeliveryWorker[] = [];
  let serverCount = 0;

  return {
    store,
    discord,
    apiUrl,
    sender,
    planner,
    clock,
    worker(workerOptions = {}) {
      const worker = createDeliveryWorker({
        repositories: workerOptions.repositories ?? store.repositories,
        sender: workerOptions.sender ?? sender,
        tiers: DEFAULT_TIERS,
        logger: createLogger({ level: 'silent' }),
        now,
        catchUpMs,
        leaseMs: 60_000,
        concurrency: workerOptions.concurrency ?? 20,
        retry: { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 },
        ...(workerOptions.onResult && { onResult: workerOptions.onResult }),
      });
      workers.push(worker);
      return worker;
    },
    async addServers(count, mediaIds) {
      const servers: Server[] = [];
      for (let index = 0; index < count; index++) {
        serverCount += 1;
        const { guildId, channelIds } = discord.addGuild({ ownerId: '400000000000000001', name: `Server ${serverCount}`, channels: [{ name: 'anime' }] });
        const channelId = channelIds[0]!;
        const [webhook] = discord.seedWebhooks(channelId, 1);
        await store.repositories.guilds.setNotifyChannel(guildId, { channelId, webhook: { id: webhook!.id, token: webhook!.token! } }, clock.now);
        for (const mediaId of mediaIds) {
          await store.repositories.trackedAnime.add({ guildId, mediaId, nickname: `anime ${mediaId}`, addedBy: '1', now: clock.now, maxPerGuild: null });
        }
        servers.push({ guildId, channelId, webhookId: webhook!.id });
      }
      return servers;
    },
    async addAnime(id, airings, changes = {}) {
      await store.repositories.media.upsertMany([testMedia(id, changes)]);
      await store.repositories.airings.upsertMany(
        airings.map((airing) => ({ mediaId: id, episode: airing.episode, anilistId: id * 1000 + airing.episode, airingAt: airing.airingAt })),
        clock.now,
      );
    },
    async close() {
      for (const worker of workers) await worker.stop();
      sender.close();
      await discord.close();
      await store.dispose();
    },
  };
}
