// The scheduler's jobs run on one process at a time: the one holding the scheduler lock. Every
// process with the scheduler role tries to take it, and keeps trying every few seconds while
// another holds it, so when the holder dies (PostgreSQL frees its lock with its session) a
// standby starts the jobs within one try. A holder that loses its session stops its jobs at once.
import type { Logger } from '../logger.ts';
import type { HeldLock, ProcessLocks } from '../store/process-locks.ts';

export interface LeaderJobs {
  start(): Promise<void> | void;
  stop(): Promise<void>;
}

export interface Leadership {
  start(): Promise<void>;
  isLeading(): boolean;
  /** Stops the jobs (when leading) and lets the lock go for a standby. */
  stop(): Promise<void>;
}

export const SCHEDULER_LOCK = 'scheduler';
export const TAKEOVER_TRY_MS = 2000;

export function createLeadership(options: { locks: ProcessLocks; jobs: LeaderJobs; logger: Logger; tryEveryMs?: number }): Leadership {
  const { locks, jobs, logger } = options;
  let held: HeldLock | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let trying: Promise<void> | undefined;

  const lead = async (lock: HeldLock) => {
    held = lock;
    logger.info('This process now runs the scheduler (sync, catalogue, planning, Patreon, retention)');
    await jobs.start();
    void lock.lost.then(async () => {
      if (held !== lock) return;
      held = undefined;
      logger.error('Lost the scheduler lock (the database session ended): stopping the scheduled jobs; another process takes over');
      await jobs.stop().catch((error: unknown) => logger.error({ err: error }, 'Stopping the scheduled jobs failed'));
    });
  };

  const tryToLead = () => {
    trying ??= (async () => {
      if (stopped || held) return;
      try {
        const lock = await locks.tryHold(SCHEDULER_LOCK);
        if (lock && stopped) await lock.release();
        else if (lock) await lead(lock);
      } catch (error) {
        logger.warn({ err: error }, 'Could not ask for the scheduler lock; trying again');
      }
    })().finally(() => {
      trying = undefined;
    });
    return trying;
  };

  return {
    async start() {
      await tryToLead();
      if (!held) logger.info('Another process runs the scheduler; this one stands by to take over');
      timer = setInterval(() => void tryToLead(), options.tryEveryMs ?? TAKEOVER_TRY_MS);
      timer.unref();
    },
    isLeading: () => held?.isHeld() === true,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await trying;
      const lock = held;
      held = undefined;
      if (!lock) return;
      await jobs.stop();
      await lock.release();
    },
  };
}
