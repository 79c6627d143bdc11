// Who goes next when several callers wait for AniList: lanes in priority order, and within a
// lane the server (key) whose last turn is longest ago, so one server's long import cannot
// starve another's, even one that joins the queue later.
// Requests whose caller has given up leave the queue without being sent.

/** Highest priority first: the airing sync keeps notifications on time, members wait on commands. */
export const LANES = ['sync', 'command', 'import', 'catalogue'] as const;
export type Lane = (typeof LANES)[number];

export interface TakeOptions {
  lane: Lane;
  /** Whose request it is (a server id); requests with a key share the per-key cap. */
  key?: string | undefined;
  /** Epoch ms (the pacer's clock): after this the caller no longer waits, so the request is dropped. */
  deadline?: number | undefined;
  /** Aborted: the caller no longer waits (it is shutting down), so the request is dropped. */
  signal?: AbortSignal | undefined;
}

/** The caller gave up before its request's turn came, so it was never sent. */
export class AbandonedRequestError extends Error {
  constructor(lane: Lane) {
    super(`an AniList request in the ${lane} lane was dropped: its caller stopped waiting before its turn`);
    this.name = 'AbandonedRequestError';
  }
}

export interface Waiter {
  options: TakeOptions;
  resolve(): void;
  reject(error: Error): void;
}

const NO_KEY = '';

export interface LaneQueue {
  push(waiter: Waiter): void;
  readonly size: number;
  /** Rejects and removes every waiter whose deadline is at or before `now`. */
  dropAbandoned(now: number): void;
  /** The earliest deadline among the waiters, if any has one. */
  nextDeadline(): number | undefined;
  /** Removes and returns the first waiter, by lane then turn, whose key `mayGo` allows in its lane. */
  next(mayGo: (key: string | undefined, lane: Lane) => boolean): Waiter | undefined;
}

export function createLaneQueue(): LaneQueue {
  // For each lane, the waiters of each key in arrival order; a Map keeps the keys' turn order.
  const lanes = new Map<Lane, Map<string, Waiter[]>>(LANES.map((lane) => [lane, new Map()]));
  // The turn number of each key's last turn; a key not seen lately has had none.
  const lastTurn = new Map<string, number>();
  let turn = 0;
  let size = 0;

  function remove(lane: Map<string, Waiter[]>, key: string, queue: Waiter[], index: number): Waiter {
    const [waiter] = queue.splice(index, 1);
    if (queue.length === 0) lane.delete(key);
    size--;
    return waiter!;
  }

  return {
    push(waiter) {
      const lane = lanes.get(waiter.options.lane)!;
      const key = waiter.options.key ?? NO_KEY;
      const queue = lane.get(key);
      if (queue) queue.push(waiter);
      else lane.set(key, [waiter]);
      size++;
    },
    get size() {
      return size;
    },
    dropAbandoned(now) {
      for (const [laneName, lane] of lanes) {
        for (const [key, queue] of lane) {
          for (let index = queue.length - 1; index >= 0; index--) {
            const { deadline, signal } = queue[index]!.options;
            if ((deadline !== undefined && deadline <= now) || signal?.aborted) remove(lane, key, queue, index).reject(new AbandonedRequestError(laneName));
          }
        }
      }
    },
    nextDeadline() {
      let earliest: number | undefined;
      for (const lane of lanes.values()) {
        for (const queue of lane.values()) {
          for (const { options } of queue) {
            if (options.deadline !== undefined && (earliest === undefined || options.deadline < earliest)) earliest = options.deadline;
          }
        }
      }
      return earliest;
    },
    next(mayGo) {
      for (const [laneName, lane] of lanes) {
        let chosen: { key: string; queue: Waiter[]; last: number } | undefined;
        for (const [key, queue] of lane) {
          const last = lastTurn.get(key) ?? -1;
          if ((!chosen || last < chosen.last) && mayGo(key === NO_KEY ? undefined : key, laneName)) chosen = { key, queue, last };
        }
        if (!chosen) continue;
        lastTurn.set(chosen.key, ++turn);
        // Forget keys with nothing queued, so the map stays as small as the queue.
        for (const key of lastTurn.keys()) if (![...lanes.values()].some((other) => other.has(key))) lastTurn.delete(key);
        return remove(lane, chosen.key, chosen.queue, 0);
      }
      return undefined;
    },
  };
}
