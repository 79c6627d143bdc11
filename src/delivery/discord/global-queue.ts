// Requests wait here, first come first served, for the global limit to let them out; each
// answer may free room, so settling a slot lets the next one go. One timer at most. With many
// waiting, they leave a few at a time: each wake-up of the process costs more than the requests
// it sends, and the slots of a second free up within milliseconds of each other anyway.
const LEAVE_TOGETHER = 5;
import type { GlobalRateLimit, GlobalSlot } from './global-rate-limit.ts';

export interface GlobalQueue {
  /**
   * Resolves when the request may leave, with its slot to settle once Discord answered;
   * undefined when it was sent away instead (`evict`).
   */
  enter(): Promise<GlobalSlot | undefined>;
  /** How many requests wait now. */
  waiting(): number;
  /** Sends every waiting request away unsent: the address they waited for is no longer ours. */
  evict(): void;
}

export function createGlobalQueue(limit: GlobalRateLimit, now: () => number): GlobalQueue {
  const waiting: ((slot: GlobalSlot | undefined) => void)[] = [];
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Number.POSITIVE_INFINITY;

  const pump = () => {
    while (waiting.length > 0) {
      const at = now();
      const together = Math.min(waiting.length, LEAVE_TOGETHER);
      const wait = limit.waitMs(at, together);
      if (wait > 0) {
        if (Number.isFinite(wait)) arm(at + wait);
        return;
      }
      for (let index = 0; index < together; index++) {
        const slot = limit.take(at);
        waiting.shift()!({
          settle(answered) {
            slot.settle(answered);
            pump();
          },
        });
      }
    }
  };

  const arm = (at: number) => {
    if (timer && timerAt <= at) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(
      () => {
        timer = undefined;
        timerAt = Number.POSITIVE_INFINITY;
        pump();
      },
      Math.max(0, at - now()),
    );
  };

  return {
    enter() {
      return new Promise<GlobalSlot | undefined>((resolve) => {
        waiting.push(resolve);
        if (waiting.length === 1) pump();
      });
    },
    waiting: () => waiting.length,
    evict() {
      for (const resolve of waiting.splice(0)) resolve(undefined);
    },
  };
}
