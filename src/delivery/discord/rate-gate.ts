// Spaces requests evenly, at most N a second across the whole process. @discordjs/rest keeps us
// under Discord's global limit too, but by letting a second's worth out at once; evenly spaced
// sends keep few requests in flight, so a crash leaves few notifications whose fate is unknown
// (and that are therefore sent again after a restart).
import { setTimeout as sleep } from 'node:timers/promises';

export function createRateGate(perSecond: number, now: () => number = () => performance.now()): () => Promise<void> {
  const interval = 1000 / perSecond;
  let next = 0;
  return async function pass() {
    const at = Math.max(now(), next);
    next = at + interval;
    const wait = at - now();
    if (wait > 0) await sleep(wait);
  };
}
