// The outbox worker. It sleeps until the next delivery is due (no polling loop: a timer armed
// for that moment, re-armed when planning adds an earlier one), claims due rows under a lease,
// and sends them with a bounded number in flight. Several workers may share one PostgreSQL.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../logger.ts';
import type { Repositories } from '../store/repositories.ts';
import type { RetryPolicy } from './discord/classify-discord-response.ts';
import type { WebhookSender } from './discord/webhook-sender.ts';
import { processDelivery, type ProcessResult } from './process-delivery.ts';

export interface WorkerOptions {
  repositories: Repositories;
  sender: WebhookSender;
  logger: Logger;
  now(): number;
  catchUpMs: number;
  leaseMs: number;
  concurrency: number;
  batchSize?: number;
  retry?: RetryPolicy;
  /** Even with nothing due, look again this often (another process may have planned). */
  idleCheckMs?: number;
  onResult?(result: ProcessResult): void;
}

export interface DeliveryWorker {
  start(): void;
  /** Planning added or moved deliveries: wake up earlier if one is due sooner. */
  poke(dueAt?: number): void;
  /** Sends everything due now; resolves when nothing due is left. */
  drain(): Promise<number>;
  stop(): Promise<void>;
  readonly owner: string;
}

const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 5000, maxDelayMs: 10 * 60_000 };

export function createDeliveryWorker(options: WorkerOptions): DeliveryWorker {
  const owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const { repositories, logger } = options;
  const batchSize = options.batchSize ?? 100;
  const idleCheckMs = options.idleCheckMs ?? 60_000;
  const deps = { repositories, sender: options.sender, owner, now: options.now, catchUpMs: options.catchUpMs, retry: options.retry ?? DEFAULT_RETRY };

  let timer: NodeJS.Timeout | undefined;
  let armedFor = Number.POSITIVE_INFINITY;
  let running: Promise<number> | undefined;
  let again = false;
  let stopped = true;

  const processOne = async (delivery: Parameters<typeof processDelivery>[0]) => {
    try {
      const result = await processDelivery(delivery, deps);
      options.onResult?.(result);
      if (result.status === 'gone') logger.warn({ guildId: delivery.guildId, reason: result.reason }, 'A server’s webhook is gone; its notifications are stopped');
      else if (result.status === 'failed') logger.warn({ deliveryId: delivery.id, reason: result.reason }, 'A notification could not be delivered');
    } catch (error) {
      // The row keeps its lease and is retried when the lease runs out.
      logger.error({ err: error, deliveryId: delivery.id }, 'Delivery failed unexpectedly');
    }
  };

  const drainOnce = async (): Promise<number> => {
    let handled = 0;
    for (;;) {
      const claimed = await repositories.deliveries.claimDue({ now: options.now(), limit: batchSize, leaseMs: options.leaseMs, owner });
      if (claimed.length === 0) return handled;
      // A bounded pool: deliveries to different servers go out side by side.
      let next = 0;
      const lanes = Array.from({ length: Math.min(options.concurrency, claimed.length) }, async () => {
        while (next < claimed.length) await processOne(claimed[next++]!);
      });
      await Promise.all(lanes);
      handled += claimed.length;
    }
  };

  const drain = (): Promise<number> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        total += await drainOnce();
      } while (again);
      return total;
    })().finally(() => {
      running = undefined;
      if (!stopped) void arm();
    });
    return running;
  };

  const schedule = (at: number) => {
    if (stopped) return;
    if (timer && at >= armedFor) return;
    if (timer) clearTimeout(timer);
    armedFor = at;
    timer = setTimeout(() => {
      timer = undefined;
      armedFor = Number.POSITIVE_INFINITY;
      drain().catch((error: unknown) => logger.error({ err: error }, 'Delivery run failed'));
    }, Math.max(0, at - options.now()));
    timer.unref();
  };

  const arm = async () => {
    try {
      const next = await repositories.deliveries.nextDueAt();
      schedule(Math.min(next ?? Number.POSITIVE_INFINITY, options.now() + idleCheckMs));
    } catch (error) {
      logger.error({ err: error }, 'Could not read the next due delivery');
      schedule(options.now() + idleCheckMs);
    }
  };

  return {
    owner,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(options.now());
    },
    poke(dueAt) {
      schedule(dueAt ?? options.now());
    },
    drain,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      armedFor = Number.POSITIVE_INFINITY;
      await running;
    },
  };
}
