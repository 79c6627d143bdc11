// Runs the airing sync at start and then on an interval, one pass at a time. A failed pass
// (AniList down, rate-limited past our retries) is logged and retried at the next tick; an
// anime just added is synced at once without waiting.
import { AniListOutageError } from '../anilist/errors.ts';
import type { Logger } from '../logger.ts';
import type { AiringSync, SyncReport } from './sync.ts';

export interface SyncScheduler {
  start(): void;
  /** Resolves when the pass it started (or joined) is done; never rejects. */
  runNow(): Promise<SyncReport | undefined>;
  /** Syncs one anime now (after `/anime add`); failures are logged, the next pass catches up. */
  syncAnimeSoon(mediaId: number): Promise<void>;
  /** Stops the timed passes (this process no longer runs the scheduler); start() resumes them. */
  pause(): Promise<void>;
  stop(): Promise<void>;
}

const STOP_WAIT_MS = 5000;

export interface SyncSchedulerOptions {
  intervalMs: number;
  logger: Logger;
  /** After each pass (and each single-anime sync), e.g. to plan notifications. */
  afterSync?: () => Promise<unknown>;
}

export function createSyncScheduler(sync: AiringSync, options: SyncSchedulerOptions): SyncScheduler {
  const { logger } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<SyncReport | undefined> | undefined;
  let stopped = false;
  // Single-anime syncs started by commands; stop() waits for them (briefly) so none outlives the database.
  const pending = new Set<Promise<void>>();

  const report = (error: unknown, what: string) => {
    if (error instanceof AniListOutageError) logger.warn({ err: error.message }, `${what} skipped: AniList is unavailable`);
    else logger.error({ err: error }, `${what} failed; it will be tried again`);
  };

  const runNow = () => {
    running ??= (async () => {
      try {
        const result = await sync.syncAll();
        logger.info(result, 'Airing sync done');
        await options.afterSync?.();
        return result;
      } catch (error) {
        report(error, 'Airing sync');
        return undefined;
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  return {
    start() {
      if (timer || stopped) return;
      void runNow();
      timer = setInterval(() => void runNow(), options.intervalMs);
      timer.unref();
    },
    runNow,
    async syncAnimeSoon(mediaId) {
      if (stopped) return;
      const work = (async () => {
        try {
          await sync.syncAnime(mediaId);
          await options.afterSync?.();
        } catch (error) {
          if (!stopped) report(error, `Sync of anime ${mediaId}`);
        }
      })();
      pending.add(work);
      await work.finally(() => pending.delete(work));
    },
    async pause() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
      // A sync stuck in AniList's retries is abandoned after a moment: the next start catches up.
      await Promise.race([Promise.allSettled(pending), new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())]);
    },
  };
}
