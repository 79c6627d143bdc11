// The loop around a request that may fail for a moment: try, and on a passing problem wait and
// try again, until it works or the tries run out. What counts as passing, how long to wait and
// what to throw at the end belong to the caller, which knows the service it talks to.

/** One try: the value, or a problem worth another try. Problems not worth one are thrown. */
export type TryOutcome<T, P> = { done: true; value: T } | { done: false; problem: P };

export interface RetryLoop<P> {
  /** Tries in all, the first included. */
  attempts: number;
  /** The wait after failed try number `tries` (from 1); 0 tries again at once. */
  delayMs(tries: number, problem: P): number;
  sleep(ms: number): Promise<void>;
  /** The error to throw once the last try has failed. */
  giveUp(tries: number, problem: P): Error;
}

export async function withRetries<T, P>(tryOnce: (tries: number) => Promise<TryOutcome<T, P>>, loop: RetryLoop<P>): Promise<T> {
  for (let tries = 1; ; tries++) {
    const outcome = await tryOnce(tries);
    if (outcome.done) return outcome.value;
    if (tries >= loop.attempts) throw loop.giveUp(tries, outcome.problem);
    const delay = loop.delayMs(tries, outcome.problem);
    if (delay > 0) await loop.sleep(delay);
  }
}
