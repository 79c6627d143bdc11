// The outbox worker. It sleeps until the next delivery is due (no polling loop: a timer armed
// for that moment, re-armed when planning adds an earlier one), claims due rows under a lease,
// and sends them with a bounded number in flight. Several workers may share one PostgreSQL.
//
// A crash must delay nobody for long, so a worker claims only what it can send in a few seconds
// at the sender's pace, keeps its leases short and renews them while it holds rows, and beats a
// heartbeat. A starting or running worker hands back the rows of workers that are gone: a
// process on this machine that no longer exists, or a worker whose heartbeat went stale. A
// worker that never beat (an older version) keeps its rows until their leases run out.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../logger.ts';
import type { Delivery, Repositories } from '../store/repositories.ts';
import { retryDelay, type RetryPolicy } from './discord/classify-discord-response.ts';
import type { WebhookSender } from './discord/webhook-sender.ts';
import { loadDeliveryFacts, type DeliveryFacts } from './delivery-facts.ts';
import type { TierLookup } from './applied-timing.ts';
import { processDelivery, type ProcessResult } from './process-delivery.ts';
import { createSentRecorder } from './sent-recorder.ts';

export interface WorkerOptions {
  repositories: Repositories;
  sender: WebhookSender;
  logger: Logger;
  /** Whether a server's tier applies its delay after airing. */
  tiers: TierLookup;
  now(): number;
  catchUpMs: number;
  leaseMs: number;
  concurrency: number;
  /** Upper bound of one claim; the sender's pace usually sets a lower one. */
  batchSize?: number;
  retry?: RetryPolicy;
  /** Even with nothing due, look again this often (another process may have planned). */
  idleCheckMs?: number;
  heartbeatMs?: number;
  onResult?(result: ProcessResult | { status: 'error'; reason: string }): void;
}

export interface DeliveryWorker {
  start(): Promise<void>;
  /** Planning added or moved deliveries: wake up earlier if one is due sooner. */
  poke(dueAt?: number): void;
  /** Sends everything due now; resolves when nothing due is left. */
  drain(): Promise<number>;
  stop(): Promise<void>;
  readonly owner: string;
}

const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 5000, maxDelayMs: 10 * 60_000 };
// Seconds of sending one claim may hold at the sender's pace.
const CLAIM_HORIZON_SECONDS = 2;
const DEFAULT_HEARTBEAT_MS = 5000;
// While the sender holds no outbound address (another worker has them all), look again this
// often whether it got one: claiming rows it cannot send would only hold them up.
const NO_ADDRESS_RECHECK_MS = 1000;
// A worker whose heartbeat is this many beats old is taken for dead.
const STALE_AFTER_BEATS = 3;

// Owner ids read host:pid:random:n, so a worker can tell a dead process on its own machine.
const HOST = hostname();
const PROCESS_OWNER_PREFIX = `${HOST}:${process.pid}:${randomBytes(4).toString('hex')}:`;

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the worker that holds leases under `owner` is gone for sure. */
function workerIsGone(holder: { owner: string; seenAt: number | null }, staleBefore: number): boolean {
  if (holder.owner.startsWith(PROCESS_OWNER_PREFIX)) return false;
  const [host, pid] = holder.owner.split(':');
  if (host === HOST && /^\d+$/.test(pid ?? '') && !processExists(Number(pid))) return true;
  return holder.seenAt !== null && holder.seenAt < staleBefore;
}
let workersInProcess = 0;

export function createDeliveryWorker(options: WorkerOptions): DeliveryWorker {
  workersInProcess += 1;
  const owner = `${PROCESS_OWNER_PREFIX}${workersInProcess}`;
  const { repositories, logger } = options;
  const { deliveries, workerHeartbeats } = repositories;
  const batchSize = options.batchSize ?? 100;
  const idleCheckMs = options.idleCheckMs ?? 60_000;
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const retry = options.retry ?? DEFAULT_RETRY;
  const sent = createSentRecorder(deliveries, owner, options.now);
  const deps = {
    repositories,
    sender: options.sender,
    tiers: options.tiers,
    owner,
    now: options.now,
    catchUpMs: options.catchUpMs,
    retry,
    markSent: sent.record,
  };

  let timer: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let armedFor = Number.POSITIVE_INFINITY;
  let running: Promise<number> | undefined;
  let again = false;
  let stopped = true;
  // Set by stop(): no more claims, and what was claimed but not begun goes back to the queue.
  let draining = false;

  // Nothing at all while the sender has no address to send from.
  const claimLimit = () => Math.min(batchSize, Math.ceil(options.sender.pacePerSecond() * CLAIM_HORIZON_SECONDS));
  let waitingForAddress = false;

  // A delivery whose processing throws is a failed attempt like any other: retried with backoff
  // and, once out of attempts, failed with the reason (instead of being claimed forever).
  const recordError = async (delivery: { id: number; attempts: number }, error: unknown) => {
    const reason = `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
    const now = options.now();
    if (delivery.attempts >= retry.maxAttempts) {
      await deliveries.finish(delivery.id, owner, { status: 'failed', error: `${reason} (gave up after ${delivery.attempts} attempts)`, now });
    } else {
      await deliveries.retryLater(delivery.id, owner, { dueAt: now + retryDelay(delivery.attempts, retry), error: reason, now });
    }
    return reason;
  };

  const processOne = async (delivery: Parameters<typeof processDelivery>[0], factsOf: Promise<(delivery: Delivery) => DeliveryFacts>) => {
    try {
      // Claimed again and again without an answer (its worker died each time): give up on it.
      if (delivery.attempts > retry.maxAttempts) {
        const reason = `gave up after ${delivery.attempts - 1} attempts that never finished`;
        await deliveries.finish(delivery.id, owner, { status: 'failed', error: reason, now: options.now() });
        options.onResult?.({ status: 'failed', reason });
        return;
      }
      const result = await processDelivery(delivery, (await factsOf)(delivery), deps);
      options.onResult?.(result);
      if (result.status === 'gone')
        logger.warn({ guildId: delivery.guildId, reason: result.reason }, 'A server’s webhook is gone; its notifications are stopped');
      else if (result.status === 'failed') logger.warn({ deliveryId: delivery.id, reason: result.reason }, 'A notification could not be delivered');
    } catch (error) {
      logger.error({ err: error, deliveryId: delivery.id, attempt: delivery.attempts }, 'Delivery failed unexpectedly');
      const reason = await recordError(delivery, error).catch((recordingError: unknown) => {
        // The lease runs out and the row is claimed again, its attempt counted then.
        logger.error({ err: recordingError, deliveryId: delivery.id }, 'Could not record a failed delivery');
        return 'unexpected error';
      });
      options.onResult?.({ status: 'error', reason });
    }
  };

  const drainOnce = async (): Promise<number> => {
    let handled = 0;
    for (;;) {
      if (draining) return handled;
      const limit = claimLimit();
      waitingForAddress = limit <= 0;
      if (waitingForAddress) return handled;
      const claimed = await deliveries.claimDue({ now: options.now(), limit, leaseMs: options.leaseMs, owner });
      if (claimed.length === 0) return handled;
      // Read once for the claim; should that fail, each delivery records it as a failed attempt.
      const facts = loadDeliveryFacts(claimed, repositories);
      facts.catch(() => undefined);
      // A bounded pool: deliveries to different servers go out side by side.
      let next = 0;
      const lanes = Array.from({ length: Math.min(options.concurrency, claimed.length) }, async () => {
        while (next < claimed.length && !draining) await processOne(claimed[next++]!, facts);
      });
      await Promise.all(lanes);
      handled += claimed.length;
    }
  };

  // While rows are held, their leases are pushed out well before they run out.
  const withRenewedLeases = async <T>(work: () => Promise<T>): Promise<T> => {
    const renew = setInterval(
      () => {
        deliveries
          .renewLeases(owner, options.now() + options.leaseMs, options.now())
          .catch((error: unknown) => logger.warn({ err: error }, 'Could not renew delivery leases'));
      },
      Math.max(250, Math.floor(options.leaseMs / 3)),
    );
    renew.unref();
    try {
      return await work();
    } finally {
      clearInterval(renew);
    }
  };

  const drain = (): Promise<number> => {
    if (running) {
      again = true;
      return running;
    }
    running = withRenewedLeases(async () => {
      let total = 0;
      do {
        again = false;
        total += await drainOnce();
      } while (again);
      return total;
    }).finally(() => {
      running = undefined;
      if (stopped) return;
      if (waitingForAddress) schedule(options.now() + NO_ADDRESS_RECHECK_MS);
      else void arm();
    });
    return running;
  };

  const schedule = (at: number) => {
    if (stopped) return;
    if (timer && at >= armedFor) return;
    if (timer) clearTimeout(timer);
    armedFor = at;
    timer = setTimeout(
      () => {
        timer = undefined;
        armedFor = Number.POSITIVE_INFINITY;
        drain().catch((error: unknown) => logger.error({ err: error }, 'Delivery run failed'));
      },
      Math.max(0, at - options.now()),
    );
    timer.unref();
  };

  const arm = async () => {
    try {
      const next = await deliveries.nextDueAt();
      schedule(Math.min(next ?? Number.POSITIVE_INFINITY, options.now() + idleCheckMs));
    } catch (error) {
      logger.error({ err: error }, 'Could not read the next due delivery');
      schedule(options.now() + idleCheckMs);
    }
  };

  // Beats, and hands back the rows of workers that are gone; wakes this worker if there were any.
  const beat = async () => {
    const now = options.now();
    await workerHeartbeats.beat(owner, now);
    const staleBefore = now - STALE_AFTER_BEATS * heartbeatMs;
    const gone = (await deliveries.leaseHolders()).filter((holder) => workerIsGone(holder, staleBefore)).map((holder) => holder.owner);
    const released = gone.length > 0 ? await deliveries.releaseLeasesOf(gone, now) : 0;
    await workerHeartbeats.forgetSilent(staleBefore);
    if (released > 0) {
      logger.warn({ released, workers: gone.length }, 'Released notifications held by delivery workers that stopped; they go out now');
      schedule(options.now());
    }
  };

  return {
    owner,
    async start() {
      if (!stopped) return;
      stopped = false;
      draining = false;
      await options.sender.start();
      await beat();
      heartbeat = setInterval(() => void beat().catch((error: unknown) => logger.warn({ err: error }, 'Delivery worker heartbeat failed')), heartbeatMs);
      heartbeat.unref();
      schedule(options.now());
    },
    poke(dueAt) {
      schedule(dueAt ?? options.now());
    },
    drain,
    async stop() {
      stopped = true;
      draining = true;
      if (timer) clearTimeout(timer);
      if (heartbeat) clearInterval(heartbeat);
      timer = undefined;
      heartbeat = undefined;
      armedFor = Number.POSITIVE_INFINITY;
      await running;
      // Nothing is left to wait for its lease: another worker may send it at once.
      const handedBack = await deliveries.releaseLeasesOf([owner], options.now()).catch((error: unknown) => {
        logger.warn({ err: error }, 'Could not hand back the notifications this worker held; they go out when their lease runs out');
        return 0;
      });
      if (handedBack > 0) logger.info({ handedBack }, 'Handed back notifications claimed but not yet sent');
      // Only now that nothing is on its way may another worker take this one's addresses.
      await options.sender.stop();
      await workerHeartbeats.forget(owner).catch((error: unknown) => logger.warn({ err: error }, 'Could not remove the worker heartbeat'));
    },
  };
}
