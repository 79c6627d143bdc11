// Discord's global limit: 50 requests a second per bot, or per address for requests without a
// bot token such as webhook executions (reference C4). Discord documents the number but sends
// no headers for it on successful answers, so we pace at exactly that rate ourselves, as a
// sliding window: a request may leave when fewer than 50 of the requests before it still
// count, and a request counts for one second from the moment Discord counted it.
//
// That moment is not when we sent it: a request that waited on the way (the network, a busy
// process on either side) is counted later, and one sent a second after it may then reach
// Discord less than a second after it, one too many. So the second starts when Discord's own
// headers say it answered (X-RateLimit-Reset minus Reset-After, on the webhook's bucket), taken
// back to our clock by the quickest trip seen lately. It is never earlier than our sending nor
// later than its answer reaching us, which bounds it even without headers; and while a request
// is on its way it counts in full. A 429 for the global limit (X-RateLimit-Global) stops every
// request until its Retry-After, in case the limit is lower than documented.

/** Discord's documented global limit (reference C4); nothing in an answer tells it. */
export const DISCORD_GLOBAL_REQUESTS_PER_SECOND = 50;
const WINDOW_MS = 1000;
// How many recent trips the quickest one is taken from: enough to find a quick one, few enough
// to follow a change of route or clock within seconds.
const RECENT_TRIPS = 64;

export interface GlobalSlot {
  /** Discord answered: `discordNow` from its headers (when it sent them), `now` on our clock. */
  settle(discordNow: number | undefined, now: number): void;
}

export interface GlobalRateLimit {
  /** How long until the next request may leave: 0 now, Infinity until an answer arrives. */
  waitMs(now: number): number;
  /** A request leaves now. */
  take(now: number): GlobalSlot;
  /** Discord said the global limit was hit: nothing leaves for `retryAfterMs`. */
  blockFor(retryAfterMs: number, now: number): void;
}

export function createGlobalRateLimit(perSecond: number = DISCORD_GLOBAL_REQUESTS_PER_SECOND): GlobalRateLimit {
  // Each request counts until `until`: Infinity while on its way.
  let counting: { until: number }[] = [];
  let blockedUntil = 0;
  const trips: number[] = [];
  let quickestTrip = Number.POSITIVE_INFINITY;

  const noteTrip = (trip: number) => {
    trips.push(trip);
    if (trips.length > RECENT_TRIPS) trips.shift();
    quickestTrip = Math.min(...trips);
  };

  return {
    waitMs(now) {
      if (now < blockedUntil) return blockedUntil - now;
      counting = counting.filter((request) => request.until > now);
      if (counting.length < perSecond) return 0;
      // The earliest moment enough of them stop counting; Infinity if that needs an answer first.
      const ends = counting.map((request) => request.until).sort((a, b) => a - b);
      return ends[counting.length - perSecond]! - now;
    },
    take(sentAt) {
      const request = { until: Number.POSITIVE_INFINITY };
      counting.push(request);
      return {
        settle(discordNow, now) {
          // Discord counted it after we sent it and before we had its answer.
          let countedAt = now;
          if (discordNow !== undefined) {
            const trip = discordNow - sentAt;
            noteTrip(trip);
            countedAt = Math.min(now, Math.max(sentAt, sentAt + trip - quickestTrip));
          }
          request.until = countedAt + WINDOW_MS;
        },
      };
    },
    blockFor(retryAfterMs, now) {
      blockedUntil = Math.max(blockedUntil, now + retryAfterMs);
    },
  };
}
