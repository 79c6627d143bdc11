// One pacer per process, shared by every caller of the AniList client, because AniList's limit
// is per client address, not per caller: the sync, autocomplete and imports all draw on the
// same budget. Requests leave one at a time, first come first served, evenly spaced.
import { systemClock, type Clock } from './clock.ts';

export interface PacerOptions {
  /** The ANILIST_REQUESTS_PER_MINUTE setting. */
  requestsPerMinute: number;
  /** How long a "minute" is; tests shrink it so a minute's budget passes in a fraction of a second. */
  windowMs?: number;
  clock?: Clock;
  /** The longest pause a rate-limit header can impose, so a nonsense header cannot stop us for days. */
  maxPauseMs?: number;
}

export interface RateLimitSignals {
  status: number;
  headers: Headers;
}

export interface Pacer {
  /** Resolves when the caller may send its request. */
  take(): Promise<void>;
  /** Every response, whatever its status, reports the budget left; a 429 also says when to resume. */
  observe(response: RateLimitSignals): void;
}

// The last tenth of the budget is spent ever more slowly, so that reaching zero leaves a full
// extra interval of slack: our clock and the server's window never start at quite the same
// instant, and a request that lands a few milliseconds early costs a one-minute 429.
const RESERVE_FRACTION = 0.1;

export function createPacer(options: PacerOptions): Pacer {
  if (!(options.requestsPerMinute > 0)) throw new RangeError('requestsPerMinute must be positive');
  const clock = options.clock ?? systemClock;
  const windowMs = options.windowMs ?? 60_000;
  const maxPauseMs = options.maxPauseMs ?? 10 * 60_000;
  const baseInterval = windowMs / options.requestsPerMinute;

  const waiting: (() => void)[] = [];
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let pausedUntil = 0;
  let remaining: number | undefined;
  let limit: number | undefined;
  let pumping = false;

  function interval(): number {
    if (remaining === undefined) return baseInterval;
    const reserve = Math.max(2, Math.ceil((limit ?? options.requestsPerMinute) * RESERVE_FRACTION));
    if (remaining >= reserve) return baseInterval;
    return Math.ceil(baseInterval * (1 + (reserve - Math.max(0, remaining)) / reserve));
  }

  // A single loop hands out turns, so a pause that arrives while it sleeps (a 429 seen by
  // another caller) is noticed when it wakes, before anyone else is let through.
  async function pump(): Promise<void> {
    pumping = true;
    try {
      while (waiting.length > 0) {
        const now = clock.now();
        const at = Math.max(lastSentAt + interval(), pausedUntil);
        if (now < at) {
          await clock.sleep(at - now);
          continue;
        }
        lastSentAt = now;
        waiting.shift()?.();
      }
    } finally {
      pumping = false;
    }
  }

  return {
    take() {
      return new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (!pumping) void pump();
      });
    },
    observe({ status, headers }) {
      const left = integerHeader(headers, 'x-ratelimit-remaining');
      if (left !== undefined) remaining = left;
      const advertised = integerHeader(headers, 'x-ratelimit-limit');
      if (advertised !== undefined && advertised > 0) limit = advertised;
      if (status === 429) {
        const now = clock.now();
        const pause = Math.min(maxPauseMs, Math.max(0, pauseAfter429(headers, now) ?? windowMs));
        pausedUntil = Math.max(pausedUntil, now + pause);
      }
    },
  };
}

// Retry-After is relative, so it is preferred: X-RateLimit-Reset is an instant on the server's
// clock, which may not agree with ours.
function pauseAfter429(headers: Headers, now: number): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return date - now;
  }
  const reset = integerHeader(headers, 'x-ratelimit-reset');
  return reset === undefined ? undefined : reset * 1000 - now;
}

function integerHeader(headers: Headers, name: string): number | undefined {
  const value = headers.get(name)?.trim();
  return value && /^-?\d+$/.test(value) ? Number(value) : undefined;
}
