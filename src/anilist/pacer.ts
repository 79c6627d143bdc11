// One pacer per process, shared by every caller of the AniList client, because AniList's limit
// is per client address, not per caller: the sync, commands, imports and the catalogue refresh
// all draw on the same budget. Requests leave one at a time, evenly spaced; who goes next is
// decided by lanes (lanes.ts), and no server may use more than its share of a window.
import { systemClock, type Clock } from './clock.ts';
import { createLaneQueue, type TakeOptions } from './lanes.ts';

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
  /**
   * Resolves when the caller may send its request (by default in the command lane). Rejects with
   * AbandonedRequestError, without sending, when the deadline passes first.
   */
  take(options?: TakeOptions): Promise<void>;
  /** Every response, whatever its status, reports the budget left; a 429 also says when to resume. */
  observe(response: RateLimitSignals): void;
}

// The last tenth of the budget is spent ever more slowly, so that reaching zero leaves a full
// extra interval of slack: our clock and the server's window never start at quite the same
// instant, and a request that lands a few milliseconds early costs a one-minute 429.
const RESERVE_FRACTION = 0.1;
// The most of one window's budget a single server's imports may use, so that one server's
// import of a long list leaves room for everyone else's. (Commands are a member's own, one at
// a time; they take turns between servers but are not capped.)
const KEY_SHARE = 0.5;

export function createPacer(options: PacerOptions): Pacer {
  if (!(options.requestsPerMinute > 0)) throw new RangeError('requestsPerMinute must be positive');
  const clock = options.clock ?? systemClock;
  const windowMs = options.windowMs ?? 60_000;
  const maxPauseMs = options.maxPauseMs ?? 10 * 60_000;
  const baseInterval = windowMs / options.requestsPerMinute;

  const waiting = createLaneQueue();
  // When each server's recent imports were sent, oldest first, for the per-server cap.
  const sentByKey = new Map<string, number[]>();
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let pausedUntil = 0;
  let remaining: number | undefined;
  let limit: number | undefined;
  let pumping = false;
  // While the loop waits for a capped server's room, or past a deadline's time, a new caller may
  // be able to go sooner (or need dropping sooner): it wakes the loop.
  let sleep: { until: number; capped: boolean; wake(): void } | undefined;

  function interval(): number {
    if (remaining === undefined) return baseInterval;
    const reserve = Math.max(2, Math.ceil((limit ?? options.requestsPerMinute) * RESERVE_FRACTION));
    if (remaining >= reserve) return baseInterval;
    return Math.ceil(baseInterval * (1 + (reserve - Math.max(0, remaining)) / reserve));
  }

  // Of what we send a window, which is the lower of our setting and AniList's advertised limit.
  function keyCap(): number {
    return Math.max(1, Math.floor(Math.min(limit ?? Infinity, options.requestsPerMinute) * KEY_SHARE));
  }

  function recentSends(key: string, now: number): number[] {
    const times = sentByKey.get(key) ?? [];
    while (times.length > 0 && times[0]! <= now - windowMs) times.shift();
    if (times.length === 0) sentByKey.delete(key);
    return times;
  }

  // When the earliest server with sends in the window may send again (its oldest send leaves
  // the window). Servers whose sends all left it are forgotten on the way.
  function nextKeyRelease(now: number): number | undefined {
    let earliest: number | undefined;
    for (const key of sentByKey.keys()) {
      const times = recentSends(key, now);
      if (times.length === 0) continue;
      const release = times[0]! + windowMs;
      if (earliest === undefined || release < earliest) earliest = release;
    }
    return earliest;
  }

  async function nap(ms: number, capped: boolean): Promise<void> {
    await new Promise<void>((resolve) => {
      sleep = { until: clock.now() + ms, capped, wake: resolve };
      void clock.sleep(ms).then(() => resolve());
    });
    sleep = undefined;
  }

  // A single loop hands out turns, so a pause that arrives while it sleeps (a 429 seen by
  // another caller) is noticed when it wakes, before anyone else is let through.
  async function pump(): Promise<void> {
    pumping = true;
    try {
      while (waiting.size > 0) {
        const now = clock.now();
        waiting.dropAbandoned(now);
        if (waiting.size === 0) break;
        const at = Math.max(lastSentAt + interval(), pausedUntil);
        const deadline = waiting.nextDeadline();
        if (now < at) {
          await nap(Math.min(at, deadline ?? at) - now, false);
          continue;
        }
        const cap = keyCap();
        const waiter = waiting.next((key, lane) => lane !== 'import' || key === undefined || recentSends(key, now).length < cap);
        if (!waiter) {
          // Everyone waiting is an import of a server that has used its share: wait for room.
          const release = nextKeyRelease(now) ?? now + interval();
          await nap(Math.max(1, Math.min(release, deadline ?? release) - now), true);
          continue;
        }
        lastSentAt = now;
        const { key, lane } = waiter.options;
        if (key !== undefined && lane === 'import') sentByKey.set(key, [...recentSends(key, now), now]);
        waiter.resolve();
      }
    } finally {
      pumping = false;
    }
  }

  return {
    take(takeOptions = { lane: 'command' }) {
      return new Promise<void>((resolve, reject) => {
        waiting.push({ options: takeOptions, resolve, reject });
        if (!pumping) void pump();
        else if (sleep && (sleep.capped || (takeOptions.deadline !== undefined && takeOptions.deadline < sleep.until))) sleep.wake();
        takeOptions.signal?.addEventListener('abort', () => sleep?.wake(), { once: true });
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
