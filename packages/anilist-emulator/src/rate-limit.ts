// AniList's limiter as its headers describe it (X-RateLimit-Limit/Remaining, and on a 429
// Retry-After and X-RateLimit-Reset): a fixed window that opens with the first request and
// counts every request until it closes. Rejected requests are not counted. The advertised
// limit may differ from the enforced one, as in AniList's degraded mode (docs: the header
// keeps saying 90 while throttling starts after 30).

export interface RateLimitSettings {
  /** Requests accepted per window. */
  limit: number;
  /** What X-RateLimit-Limit says; defaults to `limit`. */
  advertisedLimit?: number;
  /** Window length; AniList's is a minute, tests shrink it. */
  windowMs?: number;
}

export interface RateLimitVerdict {
  allowed: boolean;
  headers: Record<string, string>;
}

export interface FakeRateLimiter {
  hit(now: number): RateLimitVerdict;
  configure(settings: RateLimitSettings): void;
}

export function createFakeRateLimiter(initial: RateLimitSettings): FakeRateLimiter {
  let settings = initial;
  let windowEnd = 0;
  let count = 0;

  return {
    configure(next) {
      settings = next;
      windowEnd = 0;
      count = 0;
    },
    hit(now) {
      const windowMs = settings.windowMs ?? 60_000;
      const advertised = settings.advertisedLimit ?? settings.limit;
      if (now >= windowEnd) {
        windowEnd = now + windowMs;
        count = 0;
      }
      if (count >= settings.limit) {
        const retryAfter = Math.max(1, Math.ceil((windowEnd - now) / 1000));
        return {
          allowed: false,
          headers: {
            'Retry-After': String(retryAfter),
            'X-RateLimit-Limit': String(advertised),
            'X-RateLimit-Remaining': '0',
            'X-RateLimit-Reset': String(Math.floor(now / 1000) + retryAfter),
          },
        };
      }
      count++;
      return {
        allowed: true,
        headers: { 'X-RateLimit-Limit': String(advertised), 'X-RateLimit-Remaining': String(Math.max(0, advertised - count)) },
      };
    },
  };
}
