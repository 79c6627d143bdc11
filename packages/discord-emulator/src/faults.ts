// Failures a test schedules: the next N matching requests answered with a given status (a
// Cloudflare 502, a 500, a 403 from a permission change…) or with a 429 that did not come
// from counting. Each is used up as it fires, first scheduled first.
import { STATUS_CODES } from 'node:http';
import { compileMatcher, type RequestMatcher } from './router.ts';

export interface ForcedRateLimit {
  retryAfterMs: number;
  global: boolean;
}

export interface ForcedFailure {
  status: number;
  body: unknown;
}

interface Scheduled<T> {
  matches(method: string, path: string): boolean;
  remaining: number;
  value: T;
}

export interface Faults {
  failNext(matcher: RequestMatcher, status: number, body?: unknown, times?: number): void;
  forceRateLimit(matcher: RequestMatcher, options: { retryAfterMs: number; count?: number; global?: boolean }): void;
  takeFailure(method: string, path: string): ForcedFailure | undefined;
  takeRateLimit(method: string, path: string): ForcedRateLimit | undefined;
}

export function createFaults(): Faults {
  const failures: Scheduled<ForcedFailure>[] = [];
  const rateLimits: Scheduled<ForcedRateLimit>[] = [];

  function take<T>(list: Scheduled<T>[], method: string, path: string): T | undefined {
    const index = list.findIndex((entry) => entry.remaining > 0 && entry.matches(method, path));
    const entry = list[index];
    if (!entry) return undefined;
    entry.remaining--;
    if (entry.remaining === 0) list.splice(index, 1);
    return entry.value;
  }

  return {
    failNext(matcher, status, body, times = 1) {
      const fallback = { message: `${status}: ${STATUS_CODES[status] ?? 'Error'}`, code: 0 };
      failures.push({ matches: compileMatcher(matcher), remaining: times, value: { status, body: body ?? fallback } });
    },
    forceRateLimit(matcher, options) {
      rateLimits.push({
        matches: compileMatcher(matcher),
        remaining: options.count ?? 1,
        value: { retryAfterMs: options.retryAfterMs, global: options.global ?? false },
      });
    },
    takeFailure: (method, path) => take(failures, method, path),
    takeRateLimit: (method, path) => take(rateLimits, method, path),
  };
}
