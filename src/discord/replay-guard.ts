// A signed interaction sent a second time (by whoever recorded it) must not run twice. The
// timestamp check refuses old requests; within the window, the ids already received are
// remembered. Only requests with a valid signature get here, so only Discord can add entries.
export interface ReplayGuard {
  /** @returns true the first time an interaction id is seen within the window, false for a repeat. */
  firstSighting(interactionId: string, signedAtMs: number): boolean;
  /** Ids remembered right now. */
  size(): number;
}

export interface ReplayGuardOptions {
  now(): number;
  /** How long a signed timestamp stays acceptable after it was signed. */
  windowMs: number;
  /**
   * A ceiling on memory under a flood. Far above what one bot receives in the window (it is
   * over 150 interactions a second, sustained); past it the oldest ids are dropped first, which
   * only reopens the oldest requests to a replay.
   */
  maxEntries?: number;
}

export function createReplayGuard(options: ReplayGuardOptions): ReplayGuard {
  const maxEntries = options.maxEntries ?? 50_000;
  // Id → when its timestamp stops being accepted, in the order received. Timestamps arrive
  // roughly in order, so expired ids gather at the front and are dropped from there.
  const expiries = new Map<string, number>();

  const forgetExpired = (now: number) => {
    for (const [id, expiresAt] of expiries) {
      if (expiresAt > now) return;
      expiries.delete(id);
    }
  };

  return {
    firstSighting(interactionId, signedAtMs) {
      const now = options.now();
      forgetExpired(now);
      const known = expiries.get(interactionId);
      if (known !== undefined && known > now) return false;
      expiries.delete(interactionId);
      expiries.set(interactionId, signedAtMs + options.windowMs);
      for (const [oldest] of expiries) {
        if (expiries.size <= maxEntries) break;
        expiries.delete(oldest);
      }
      return true;
    },
    size: () => expiries.size,
  };
}
