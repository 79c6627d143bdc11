// The notification engine: plans deliveries from airings, and runs the outbox worker that sends
// them. Planning runs after every airing sync and, debounced, whenever a command changes what
// notifications depend on; the worker is woken when planning makes something due sooner.
import type { Logger } from '../logger.ts';
import { createDeliveryPlanner, type PlanReport } from '../schedule/plan.ts';
import type { Repositories } from '../store/repositories.ts';
import type { HealthCheck } from '../web/health.routes.ts';
import type { Metrics } from '../web/metrics.ts';
import type { WebhookSender } from './discord/webhook-sender.ts';
import { createDeliveryWorker, type DeliveryWorker } from './worker.ts';

export interface NotificationsOptions {
  repositories: Repositories;
  sender: WebhookSender;
  logger: Logger;
  now(): number;
  catchUpMs: number;
  aheadMs: number;
  leaseMs: number;
  concurrency?: number;
  metrics?: Metrics;
}

export interface Notifications {
  worker: DeliveryWorker;
  plan(): Promise<PlanReport | undefined>;
  planSoon(): void;
  healthCheck: HealthCheck;
  start(): void;
  stop(): Promise<void>;
}

// A queue whose oldest due notification waits longer than this is stuck.
const STUCK_AFTER_MS = 10 * 60_000;
const PLAN_DEBOUNCE_MS = 500;

export function createNotifications(options: NotificationsOptions): Notifications {
  const { repositories, logger, metrics } = options;
  const planner = createDeliveryPlanner({ ...repositories, now: options.now, catchUpMs: options.catchUpMs, aheadMs: options.aheadMs });
  const worker = createDeliveryWorker({
    repositories,
    sender: options.sender,
    logger,
    now: options.now,
    catchUpMs: options.catchUpMs,
    leaseMs: options.leaseMs,
    concurrency: options.concurrency ?? 50,
    onResult: (result) => {
      metrics?.deliveries.inc({ outcome: result.status });
      if (result.status === 'sent') metrics?.deliveryLateness.observe(result.lateMs / 1000);
    },
  });

  let planning: Promise<PlanReport | undefined> | undefined;
  let debounce: NodeJS.Timeout | undefined;
  const plan = () => {
    planning ??= planner
      .plan()
      .then((report) => {
        if (report.planned + report.moved + report.cancelled > 0) logger.info(report, 'Notifications planned');
        if (report.nextDueAt !== undefined) worker.poke(report.nextDueAt);
        return report;
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'Planning notifications failed');
        return undefined;
      })
      .finally(() => {
        planning = undefined;
      });
    return planning;
  };

  return {
    worker,
    plan,
    planSoon() {
      if (debounce) clearTimeout(debounce);
      debounce = setTimeout(() => void plan(), PLAN_DEBOUNCE_MS);
      debounce.unref();
    },
    healthCheck: {
      name: 'deliveries',
      async check() {
        const next = await repositories.deliveries.nextDueAt();
        const late = next === undefined ? 0 : options.now() - next;
        return late > STUCK_AFTER_MS ? { ok: false, detail: `the oldest due notification has waited ${Math.round(late / 60_000)} minutes` } : { ok: true };
      },
    },
    start() {
      worker.start();
      void plan();
    },
    async stop() {
      if (debounce) clearTimeout(debounce);
      await planning;
      await worker.stop();
    },
  };
}
