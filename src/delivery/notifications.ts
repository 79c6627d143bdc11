// The notification engine: plans deliveries from airings, and runs the outbox worker that sends
// them. Planning runs after every airing sync and, within half a second, for the servers whose
// list or settings a command changed; the worker is woken when planning makes something due sooner.
import type { Logger } from '../logger.ts';
import type { Repositories } from '../store/repositories.ts';
import type { HealthCheck } from '../observability/health.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { TierLookup } from './applied-timing.ts';
import type { WebhookSender } from './discord/webhook-sender.ts';
import { createDeliveryPlanner, type PlanReport, type PlanScope } from './plan.ts';
import { createDeliveryWorker, type DeliveryWorker } from './worker.ts';

export interface NotificationsOptions {
  repositories: Repositories;
  sender: WebhookSender;
  /** Which servers' tiers apply a delay after airing. */
  tiers: TierLookup;
  logger: Logger;
  now(): number;
  catchUpMs: number;
  aheadMs: number;
  leaseMs: number;
  concurrency?: number;
  metrics?: Metrics;
  /** Runs a planning pass while no other process sharing the database plans (store.locks). */
  acrossProcesses?<T>(work: () => Promise<T>): Promise<T>;
  /**
   * How often an idle worker looks for due notifications it was not told about: planning in
   * another process cannot wake it. Default 60 s.
   */
  idleCheckMs?: number;
}

export interface Notifications {
  worker: DeliveryWorker;
  /** Plans now (after a pass already running): these servers' notifications, or everyone's. */
  plan(guildIds?: readonly string[]): Promise<PlanReport | undefined>;
  /** Plans within half a second: for a server whose list or settings changed, or for everyone. */
  planSoon(guildId?: string): void;
  healthChecks: HealthCheck[];
  /** Failed notifications in the last day and stuck ones, for /metrics. */
  troubles(): Promise<{ failed: number; stuck: number }>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

// A notification due this long ago and still not sent is stuck.
const STUCK_AFTER_MS = 10 * 60_000;
// Failures an operator should hear about: those of the last day.
const FAILED_WINDOW_MS = 24 * 3_600_000;
const PLAN_SOON_MS = 500;
// Beyond this many servers a scoped pass costs about what planning everything does.
const MAX_SCOPED_SERVERS = 500;

export function createNotifications(options: NotificationsOptions): Notifications {
  const { repositories, logger, metrics } = options;
  const planner = createDeliveryPlanner({ ...repositories, tiers: options.tiers, now: options.now, catchUpMs: options.catchUpMs, aheadMs: options.aheadMs });
  const worker = createDeliveryWorker({
    repositories,
    sender: options.sender,
    tiers: options.tiers,
    logger,
    now: options.now,
    catchUpMs: options.catchUpMs,
    leaseMs: options.leaseMs,
    concurrency: options.concurrency ?? 50,
    ...(options.idleCheckMs !== undefined && { idleCheckMs: options.idleCheckMs }),
    onResult: (result) => {
      metrics?.deliveries.inc({ outcome: result.status });
      if (result.status === 'sent') metrics?.deliveryLateness.observe(result.lateMs / 1000);
    },
  });

  // /healthz asks twice and a metrics scrape twice: callers at the same moment share one query.
  let asking: Promise<{ failed: number; stuck: number }> | undefined;
  const troubles = () => {
    const now = options.now();
    asking ??= repositories.deliveries.troubles({ now, failedSince: now - FAILED_WINDOW_MS, stuckBefore: now - STUCK_AFTER_MS }).finally(() => {
      asking = undefined;
    });
    return asking;
  };

  // One pass at a time. Asked for while one runs, the next pass follows it and covers every
  // request made meanwhile: all servers if any request was for all, else the servers named.
  let wanted: Servers | undefined;
  let current: Promise<unknown> = Promise.resolve();
  let next: Promise<PlanReport | undefined> | undefined;
  const pass = (scope: PlanScope | undefined) =>
    (options.acrossProcesses ?? ((work) => work()))(() => planner.plan(scope))
      .then((report) => {
        if (report.planned + report.moved + report.cancelled > 0) logger.info({ ...report, servers: scope?.guildIds.length ?? 'all' }, 'Notifications planned');
        if (report.nextDueAt !== undefined) worker.poke(report.nextDueAt);
        return report;
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'Planning notifications failed');
        return undefined;
      });
  const plan = (guildIds?: readonly string[]) => {
    wanted = widen(wanted, guildIds);
    next ??= current.then(() => {
      const scope = wanted === 'everyone' || wanted === undefined || wanted.size > MAX_SCOPED_SERVERS ? undefined : { guildIds: [...wanted] };
      wanted = undefined;
      next = undefined;
      const running = pass(scope);
      current = running;
      return running;
    });
    return next;
  };

  // Changes wait at most this long, and those of a busy moment go together: a steady stream of
  // commands cannot put planning off (a debounce restarted by each would).
  let soon: Servers | undefined;
  let soonTimer: NodeJS.Timeout | undefined;
  const planSoon = (guildId?: string) => {
    soon = widen(soon, guildId === undefined ? undefined : [guildId]);
    soonTimer ??= setTimeout(() => {
      soonTimer = undefined;
      const servers = soon;
      soon = undefined;
      void plan(servers === 'everyone' || servers === undefined ? undefined : [...servers]);
    }, PLAN_SOON_MS);
    soonTimer.unref();
  };

  return {
    worker,
    plan,
    planSoon,
    healthChecks: [
      {
        name: 'deliveries',
        async check() {
          const { stuck } = await troubles();
          return stuck > 0
            ? { ok: false, detail: `${stuck} notification${stuck === 1 ? ' is' : 's are'} stuck: due over 10 minutes ago, or held by a worker past its lease` }
            : { ok: true };
        },
      },
      {
        // A failed notification is worth a look, but no reason to take the process out of service.
        name: 'delivery_failures',
        critical: false,
        async check() {
          const { failed } = await troubles();
          return failed > 0 ? { ok: false, detail: `${failed} notification${failed === 1 ? '' : 's'} failed in the last 24 hours` } : { ok: true };
        },
      },
    ],
    troubles,
    async start() {
      await worker.start();
      void plan();
    },
    async stop() {
      if (soonTimer) clearTimeout(soonTimer);
      await (next ?? current);
      await worker.stop();
    },
  };
}

/** The servers a pass must plan: some, or everyone. */
type Servers = Set<string> | 'everyone';

/** Adds servers (everyone, without a list) to what a pass must plan. */
function widen(servers: Servers | undefined, guildIds: readonly string[] | undefined): Servers {
  if (guildIds === undefined || servers === 'everyone') return 'everyone';
  const wider = servers ?? new Set<string>();
  for (const guildId of guildIds) wider.add(guildId);
  return wider;
}
