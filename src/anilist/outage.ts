// When AniList switches its API off (HTTP 403 "temporarily disabled") it stays off for a long
// while; asking again every few seconds would only add to its load and fill our logs. So the
// first such answer closes the gate for a back-off period during which calls fail at once.
import type { Clock } from './clock.ts';
import { AniListOutageError } from './errors.ts';

export interface AniListStatus {
  ok: boolean;
  detail?: string;
}

export interface OutageGate {
  /** @throws AniListOutageError while backing off. */
  check(): void;
  /** Records an outage answer; returns the error to throw. */
  trip(): AniListOutageError;
  /** Records an answer that worked. */
  recovered(): void;
  status(): AniListStatus;
}

export function createOutageGate(clock: Clock, backoffMs: number): OutageGate {
  let since: number | undefined;
  let retryAt = 0;

  return {
    check() {
      if (since !== undefined && clock.now() < retryAt) throw new AniListOutageError(retryAt);
    },
    trip() {
      const now = clock.now();
      since ??= now;
      retryAt = Math.max(retryAt, now + backoffMs);
      return new AniListOutageError(retryAt);
    },
    recovered() {
      since = undefined;
      retryAt = 0;
    },
    // Stays unhealthy after the back-off until a request actually succeeds: time passing says
    // nothing about whether AniList is back.
    status() {
      if (since === undefined) return { ok: true };
      const started = new Date(since).toISOString();
      if (clock.now() < retryAt) {
        return { ok: false, detail: `AniList API disabled since ${started}; next attempt after ${new Date(retryAt).toISOString()}` };
      }
      return { ok: false, detail: `AniList API disabled since ${started}; waiting for the next request to confirm it is back` };
    },
  };
}
