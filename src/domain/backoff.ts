// How long to wait before trying again, for everything AniTrack retries: AniList and
// MyAnimeList requests (in memory) and webhook deliveries (rescheduled in the database).
// One formula, so the three cannot drift apart.

export interface Backoff {
  /** The wait after the first failed try, before jitter. */
  baseDelayMs: number;
  /** No wait is longer than this, however many tries failed. */
  maxDelayMs: number;
}

/**
 * Exponential backoff with jitter. The ceiling doubles with each failed try up to maxDelayMs;
 * the wait is half the ceiling for sure plus up to half more at random. The fixed half means
 * a retry never comes at once; the random half spreads out callers that failed together (say,
 * every delivery when Discord had a bad minute) so they do not all come back at the same instant.
 */
export function backoffDelay(failedTries: number, backoff: Backoff, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.maxDelayMs, backoff.baseDelayMs * 2 ** Math.max(0, failedTries - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}
