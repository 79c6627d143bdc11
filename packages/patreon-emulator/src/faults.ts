// Failures a test schedules: the next N requests to a route answered with a chosen status and
// body (a 500, a Cloudflare 502, a 429 that did not come from counting). First scheduled, first used.
import { JsonApiError } from './json-api.ts';
import { throttled } from './rate-limits.ts';

export type RouteName = 'members' | 'identity' | 'token' | 'authorize';
/** A route by name, or a pattern tested against "METHOD /path". */
export type RouteMatcher = RouteName | RegExp;

export interface ForcedFailure {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

interface Scheduled {
  matcher: RouteMatcher;
  remaining: number;
  failure: ForcedFailure;
}

function defaultFailure(status: number): Omit<ForcedFailure, 'status'> {
  if (status === 429) {
    const error = throttled(1);
    return { body: error.body, headers: error.headers };
  }
  return { body: new JsonApiError(status, 'InternalError', 'Something went wrong', `The stand-in was told to answer ${status}.`).body, headers: {} };
}

export function createFaults() {
  const scheduled: Scheduled[] = [];
  return {
    failNext(matcher: RouteMatcher, status: number, body?: unknown, times = 1): void {
      const fallback = defaultFailure(status);
      scheduled.push({ matcher, remaining: times, failure: { status, body: body ?? fallback.body, headers: fallback.headers } });
    },
    take(route: RouteName | null, method: string, path: string): ForcedFailure | undefined {
      const index = scheduled.findIndex((entry) => (typeof entry.matcher === 'string' ? entry.matcher === route : entry.matcher.test(`${method} ${path}`)));
      const entry = scheduled[index];
      if (!entry) return undefined;
      if (--entry.remaining === 0) scheduled.splice(index, 1);
      return entry.failure;
    },
  };
}

export type Faults = ReturnType<typeof createFaults>;
