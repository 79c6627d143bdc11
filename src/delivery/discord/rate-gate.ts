// Spaces requests evenly to at most N a second across the whole process: Discord's global limit
// counts every request from us, whichever webhook it is for.
import { setTimeout as sleep } from 'node:timers/promises';

export function createRateGate(perSecond: number, now: () => number = () => performance.now()) {
  const interval = 1000 / perSecond;
  let next = 0;
  return async function pass(): Promise<void> {
    const at = Math.max(now(), next);
    next = at + interval;
    const wait = at - now();
    if (wait > 0) await sleep(wait);
  };
}
