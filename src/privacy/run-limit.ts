// "Once per member per window" for actions that cost many Discord calls (the owner action). Kept
// in memory: a restart forgets it, which only means one extra run is allowed.
export interface RunLimit {
  /** When `key` may run again, or undefined if it may run now. */
  blockedUntil(key: string, now: number): number | undefined;
  /** Records a run if one is allowed; otherwise returns when the next one is. */
  take(key: string, now: number): number | undefined;
}

export function createRunLimit(windowMs: number): RunLimit {
  const lastRun = new Map<string, number>();
  const blockedUntil = (key: string, now: number) => {
    const last = lastRun.get(key);
    return last !== undefined && now < last + windowMs ? last + windowMs : undefined;
  };
  return {
    blockedUntil,
    take(key, now) {
      const until = blockedUntil(key, now);
      if (until !== undefined) return until;
      // Runs older than the window no longer matter: dropping them keeps the map small.
      for (const [other, at] of lastRun) if (now >= at + windowMs) lastRun.delete(other);
      lastRun.set(key, now);
      return undefined;
    },
  };
}
