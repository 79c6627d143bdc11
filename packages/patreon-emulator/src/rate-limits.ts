// Patreon's published limits: 100 requests a minute per access token and 6,000 a minute per
// client (all of a client's tokens together). Fixed windows, opened by their first request; a
// refused request uses up nothing. A 429 is Patreon's RequestThrottled error with
// retry_after_seconds in the body and the same number in Retry-After.
import { JsonApiError } from './json-api.ts';

export interface WindowLimit {
  limit: number;
  windowMs: number;
}

export interface RateLimitSettings {
  /** Per access token. Default 100 per 60 s; false turns it off. */
  perToken?: WindowLimit | false;
  /** Per OAuth client, across its tokens and the token endpoint. Default 6,000 per 60 s. */
  perClient?: WindowLimit | false;
}

export interface RateLimitKeys {
  token: string | null;
  clientId: string | null;
}

interface Window {
  count: number;
  resetAt: number;
}

const DEFAULTS: Required<RateLimitSettings> = {
  perToken: { limit: 100, windowMs: 60_000 },
  perClient: { limit: 6_000, windowMs: 60_000 },
};

export function throttled(retryAfterSeconds: number): JsonApiError {
  return new JsonApiError(
    429,
    'RequestThrottled',
    'You have made too many attempts. Please try again later.',
    `Request was throttled. Expected available in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}.`,
    { retry_after_seconds: retryAfterSeconds },
    { 'Retry-After': String(retryAfterSeconds) },
  );
}

export function createRateLimiter(initial: RateLimitSettings, now: () => number) {
  let settings: Required<RateLimitSettings> = { ...DEFAULTS, ...initial };
  const windows = new Map<string, Window>();

  function windowOf(key: string, limit: WindowLimit): Window {
    let window = windows.get(key);
    if (!window || now() >= window.resetAt) {
      window = { count: 0, resetAt: now() + limit.windowMs };
      windows.set(key, window);
    }
    return window;
  }

  return {
    configure(next: RateLimitSettings) {
      settings = { ...settings, ...next };
      windows.clear();
    },
    /** Counts the request against every window it belongs to, or throws the 429 when one is full. */
    take(keys: RateLimitKeys): void {
      const open: Window[] = [];
      const candidates: [string | null, WindowLimit | false][] = [
        [keys.token === null ? null : `token ${keys.token}`, settings.perToken],
        [keys.clientId === null ? null : `client ${keys.clientId}`, settings.perClient],
      ];
      for (const [key, limit] of candidates) {
        if (key === null || !limit) continue;
        const window = windowOf(key, limit);
        if (window.count >= limit.limit) throw throttled(Math.max(1, Math.ceil((window.resetAt - now()) / 1000)));
        open.push(window);
      }
      for (const window of open) window.count++;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
