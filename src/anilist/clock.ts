// Time is passed in rather than read from globals so that pacing, back-off and cache expiry can
// be driven by a virtual clock in tests instead of real minutes.
import { setTimeout as wait } from 'node:timers/promises';

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => (ms > 0 ? wait(ms) : Promise.resolve()),
};
