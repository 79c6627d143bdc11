// Discord's global limit: 50 requests a second per bot, or per address for requests without a
// bot token such as webhook executions (reference C4). Discord documents the number but sends
// no headers for it on successful answers, so we pace at exactly that rate ourselves, as a
// sliding window: a request may leave when fewer than 50 of the requests before it still
// count, and a request counts for one second from the moment Discord counted it.
//
// That moment is not when we sent it: a request that waited on the way (the network, a busy
// process on either side) is counted later, and one sent a second after it may then reach
// Discord less than a second after it, one too many. So each request's second starts when
// Discord's own headers say it answered (X-RateLimit-Reset minus Reset-After, on the webhook's
// bucket), taken to our clock. Discord's clock may differ from ours; what we know for sure is
// that it answered before the answer reached us, so Discord's lead over our clock is at least
// the largest (Discord's time minus our time of receipt) seen lately. Reading Discord's times
// with that lead never makes a request count for less than it does at Discord; without
// headers a request counts until a second after its answer, the latest Discord can have
// counted it; while on its way it counts in full. A 429 for the global limit
// (X-RateLimit-Global) stops every request until its Retry-After.

/** Discord's documented global limit (reference C4); nothing in an answer tells it. */
export const DISCORD_GLOBAL_REQUESTS_PER_SECOND = 50;
/** How long a request counts against the global limit once Discord counted it. */
export const GLOBAL_WINDOW_MS = 1000;
// How many recent answers Discord's lead is taken from: enough to meet a quick one, few enough
// to follow a change of either clock within seconds.
const RECENT_ANSWERS = 64;

export interface Answered {
  /** Discord's clock when it answered, from its headers (rate-limit-headers.ts). */
  discordNow: number | undefined;
  /** When the answer (or the error) reached us. */
  now: number;
}

export interface GlobalSlot {
  settle(answered: Answered): void;
}

export interface GlobalRateLimit {
  /** How long until the next `count` requests (default 1) may leave: 0 now, Infinity until an answer arrives. */
  waitMs(now: number, count?: number): number;
  /** A request leaves now. */
  take(now: number): GlobalSlot;
  /** Discord said the global limit was hit: nothing leaves for `retryAfterMs`. */
  blockFor(retryAfterMs: number, now: number): void;
}

export function createGlobalRateLimit(perSecond: number = DISCORD_GLOBAL_REQUESTS_PER_SECOND): GlobalRateLimit {
  // Each request counts until `until`: Infinity while on its way.
  let counting: { until: number }[] = [];
  let blockedUntil = 0;
  const leads: number[] = [];
  let lead = Number.NEGATIVE_INFINITY;

  const noteLead = (sample: number) => {
    leads.push(sample);
    if (leads.length > RECENT_ANSWERS) leads.shift();
    lead = Math.max(...leads);
  };

  return {
    waitMs(now, count = 1) {
      if (now < blockedUntil) return blockedUntil - now;
      counting = counting.filter((request) => request.until > now);
      const wanted = Math.min(count, perSecond);
      if (counting.length + wanted <= perSecond) return 0;
      // The earliest moment enough of them stop counting; Infinity if that needs an answer first.
      const ends = counting.map((request) => request.until).sort((a, b) => a - b);
      return ends[counting.length + wanted - perSecond - 1]! - now;
    },
    take(takenAt) {
      const request = { until: Number.POSITIVE_INFINITY };
      counting.push(request);
      return {
        settle({ discordNow, now }) {
          // Discord counted it after we sent it and before we had its answer.
          let countedAt = now;
          if (discordNow !== undefined) {
            noteLead(discordNow - now);
            countedAt = Math.min(now, Math.max(takenAt, discordNow - lead));
          }
          request.until = countedAt + GLOBAL_WINDOW_MS;
        },
      };
    },
    blockFor(retryAfterMs, now) {
      blockedUntil = Math.max(blockedUntil, now + retryAfterMs);
    },
  };
}
