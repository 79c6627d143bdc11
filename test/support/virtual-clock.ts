// A clock whose sleeps pass instantly: time moves only when someone sleeps. Good for code with
// one sleeper at a time (the pacer's single loop); minutes of pacing take microseconds.
import type { Clock } from '../../src/anilist/clock.ts';

export function createVirtualClock(start = 0): Clock {
  let now = start;
  return {
    now: () => now,
    async sleep(ms) {
      // Let everything already due at the current instant run before time moves on.
      await new Promise((resolve) => setImmediate(resolve));
      now += Math.max(0, ms);
    },
  };
}
