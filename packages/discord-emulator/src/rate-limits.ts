// Discord's rate limits as its headers describe them (topics/rate-limits): every answered
// request reports its bucket (X-RateLimit-Limit/Remaining/Reset/Reset-After/Bucket); a 429
// carries Retry-After (whole seconds, rounded up, as in the docs' examples), a float
// `retry_after` in the body, and X-RateLimit-Scope; the global limit adds X-RateLimit-Global
// and, as in the docs' example, no bucket headers. Buckets are fixed windows opened by their
// first request; a rejected request uses up nothing. Webhook limits (5 per 2 s) are observed
// numbers, not documented ones. The global limit is kept per bot, and per address for requests
// without a bot token (webhook executions), as the docs say; requests with an OAuth2 token draw
// from that token's own allowance. GET /users/@me/guilds has a bucket of its own per token:
// Discord publishes no number for it and dashboards commonly run into its 429s, so the default
// is a strict 1 per second, which a product that caches the list never notices.
import { createHash } from 'node:crypto';

export interface WindowLimit {
  limit: number;
  windowMs: number;
}

export interface RateLimitSettings {
  /** Per webhook id + token (execute, edit, follow-ups). Default 5 per 2 s. */
  perWebhook?: WindowLimit | false;
  /** Requests across all routes, per bot (or per address when unauthenticated). Default 50 per second. */
  global?: WindowLimit | false;
  /** Any other route, per route and top-level resource. Default 50 per second. */
  perRoute?: WindowLimit | false;
  /** GET /users/@me/guilds, per OAuth2 access token (or for the bot). Default 1 per second. */
  userGuilds?: WindowLimit | false;
}

/** Where a request draws from, decided by the server from the matched route. */
export interface BucketChoice {
  kind: 'webhook' | 'route' | 'userGuilds';
  /** Route identity, hashed into X-RateLimit-Bucket (shared by every major parameter). */
  name: string;
  /** The top-level resource the window is kept per: webhook id+token, channel id, guild id. */
  major: string;
  /** Whose global allowance the request draws from (the bot, or an address); null: exempt. */
  globalKey: string | null;
}

export type RateLimitVerdict =
  { allowed: true; headers: Record<string, string> } | { allowed: false; headers: Record<string, string>; body: TooManyRequestsBody };

export interface TooManyRequestsBody {
  message: string;
  retry_after: number;
  global: boolean;
}

interface Window {
  count: number;
  resetAt: number;
}

const DEFAULTS: Required<RateLimitSettings> = {
  perWebhook: { limit: 5, windowMs: 2000 },
  global: { limit: 50, windowMs: 1000 },
  perRoute: { limit: 50, windowMs: 1000 },
  userGuilds: { limit: 1, windowMs: 1000 },
};

export interface RateLimiter {
  configure(settings: RateLimitSettings): void;
  check(choice: BucketChoice, now: number): RateLimitVerdict;
  /** Headers describing the bucket without using it up (answers that never reached the limiter). */
  peek(choice: BucketChoice, now: number): Record<string, string>;
  /** A 429 that did not come from counting (forceRateLimit). */
  forced(choice: BucketChoice, retryAfterMs: number, global: boolean, now: number): RateLimitVerdict;
}

export function createRateLimiter(initial: RateLimitSettings = {}): RateLimiter {
  let settings: Required<RateLimitSettings> = { ...DEFAULTS, ...initial };
  const windows = new Map<string, Window>();
  const globalWindows = new Map<string, Window>();

  const limitFor = (choice: BucketChoice) => {
    switch (choice.kind) {
      case 'webhook':
        return settings.perWebhook;
      case 'userGuilds':
        return settings.userGuilds;
      case 'route':
        return settings.perRoute;
    }
  };

  function windowOf(key: string, limit: WindowLimit, now: number): Window {
    let window = windows.get(key);
    if (!window || now >= window.resetAt) {
      window = { count: 0, resetAt: now + limit.windowMs };
      windows.set(key, window);
    }
    return window;
  }

  function bucketHeaders(choice: BucketChoice, window: Window, limit: WindowLimit, now: number): Record<string, string> {
    return {
      'X-RateLimit-Limit': String(limit.limit),
      'X-RateLimit-Remaining': String(Math.max(0, limit.limit - window.count)),
      'X-RateLimit-Reset': (window.resetAt / 1000).toFixed(3),
      'X-RateLimit-Reset-After': (Math.max(0, window.resetAt - now) / 1000).toFixed(3),
      'X-RateLimit-Bucket': bucketHash(choice.name),
    };
  }

  function rejection(retryAfterMs: number, global: boolean, headers: Record<string, string>): RateLimitVerdict {
    const seconds = Math.max(0.001, retryAfterMs / 1000);
    return {
      allowed: false,
      headers: {
        ...headers,
        'Retry-After': String(Math.ceil(seconds)),
        'X-RateLimit-Scope': global ? 'global' : 'user',
        ...(global ? { 'X-RateLimit-Global': 'true' } : {}),
      },
      body: { message: 'You are being rate limited.', retry_after: Number(seconds.toFixed(3)), global },
    };
  }

  const limiter: RateLimiter = {
    configure(next) {
      settings = { ...settings, ...next };
      windows.clear();
      globalWindows.clear();
    },
    check(choice, now) {
      const global = choice.globalKey !== null ? settings.global : false;
      let globalWindow: Window | undefined;
      if (global) {
        globalWindow = globalWindows.get(choice.globalKey!);
        if (!globalWindow || now >= globalWindow.resetAt) {
          globalWindow = { count: 0, resetAt: now + global.windowMs };
          globalWindows.set(choice.globalKey!, globalWindow);
        }
        if (globalWindow.count >= global.limit) return rejection(globalWindow.resetAt - now, true, {});
      }
      const limit = limitFor(choice);
      if (!limit) {
        if (globalWindow) globalWindow.count++;
        return { allowed: true, headers: {} };
      }
      const window = windowOf(`${choice.name} ${choice.major}`, limit, now);
      if (window.count >= limit.limit) return rejection(window.resetAt - now, false, bucketHeaders(choice, window, limit, now));
      window.count++;
      if (globalWindow) globalWindow.count++;
      return { allowed: true, headers: bucketHeaders(choice, window, limit, now) };
    },
    peek(choice, now) {
      const limit = limitFor(choice);
      if (!limit) return {};
      return bucketHeaders(choice, windowOf(`${choice.name} ${choice.major}`, limit, now), limit, now);
    },
    forced(choice, retryAfterMs, global, now) {
      if (global) return rejection(retryAfterMs, true, {});
      const limit = limitFor(choice) || { limit: 1, windowMs: retryAfterMs };
      // The bucket reads as spent until the forced wait is over, as a real exhausted one would.
      const headers = {
        ...limiter.peek(choice, now),
        'X-RateLimit-Limit': String(limit.limit),
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': ((now + retryAfterMs) / 1000).toFixed(3),
        'X-RateLimit-Reset-After': (retryAfterMs / 1000).toFixed(3),
        'X-RateLimit-Bucket': bucketHash(choice.name),
      };
      return rejection(retryAfterMs, false, headers);
    },
  };
  return limiter;
}

function bucketHash(name: string): string {
  return createHash('sha256').update(name).digest('hex').slice(0, 32);
}
