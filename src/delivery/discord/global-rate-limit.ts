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
  // Asked before every request and after every answer of a fan-out, so it allocates nothing: the
  // requests still counting are those on their way (counting in full) and the moments the
  // answered ones stop counting, kept in order from `head` on (answers arrive nearly in order,
  // so each is put in place from the end).
  let onTheirWay = 0;
  const ends: number[] = [];
  let head = 0;
  let blockedUntil = 0;
  const leads: number[] = [];
  let nextLead = 0;
  let lead = Number.NEGATIVE_INFINITY;

  const noteLead = (sample: number) => {
    leads[nextLead] = sample;
    nextLead = (nextLead + 1) % RECENT_ANSWERS;
    lead = Number.NEGATIVE_INFINITY;
    for (const recent of leads) lead = Math.max(lead, recent);
  };

  const forgetEnded = (now: number) => {
    while (head < ends.length && ends[head]! <= now) head++;
    // Ended entries are dropped in one move once they are many and at least half of the array.
    if (head >= 64 && head * 2 >= ends.length) {
      ends.copyWithin(0, head);
      ends.length -= head;
      head = 0;
    }
  };

  const countUntil = (end: number) => {
    let index = ends.length;
    ends.push(end);
    while (index > head && ends[index - 1]! > end) {
      ends[index] = ends[index - 1]!;
      index--;
    }
    ends[index] = end;
  };

  return {
    waitMs(now, count = 1) {
      if (now < blockedUntil) return blockedUntil - now;
      forgetEnded(now);
      const answered = ends.length - head;
      const over = answered + onTheirWay + Math.min(count, perSecond) - perSecond;
      if (over <= 0) return 0;
      // The earliest moment enough of them stop counting; Infinity if that needs an answer first.
      return over <= answered ? ends[head + over - 1]! - now : Number.POSITIVE_INFINITY;
    },
    take(takenAt) {
      onTheirWay += 1;
      let settled = false;
      return {
        settle({ discordNow, now }) {
          if (settled) return;
          settled = true;
          // Discord counted it after we sent it and before we had its answer.
          let countedAt = now;
          if (discordNow !== undefined) {
            noteLead(discordNow - now);
            countedAt = Math.min(now, Math.max(takenAt, discordNow - lead));
          }
          onTheirWay -= 1;
          countUntil(countedAt + GLOBAL_WINDOW_MS);
        },
      };
    },
    blockFor(retryAfterMs, now) {
      blockedUntil = Math.max(blockedUntil, now + retryAfterMs);
    },
  };
}
