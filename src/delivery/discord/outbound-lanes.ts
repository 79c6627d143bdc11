// Discord counts webhook executions per address they come from (reference C4), so each outbound
// address is a lane of its own: its own connections bound to that address, its own global limit
// and queue. A lane is used only while this process holds it (outbound-addresses.ts decides);
// a request goes out on the held lane that can send it soonest.
import { createGlobalQueue, type GlobalQueue } from './global-queue.ts';
import { createGlobalRateLimit, GLOBAL_WINDOW_MS, type Answered, type GlobalRateLimit } from './global-rate-limit.ts';
import { createJsonPoster, type JsonPoster } from './post-json.ts';

export interface LaneSlot {
  readonly poster: JsonPoster;
  readonly limit: GlobalRateLimit;
  /** Discord answered (or the request failed): the lane's limit learns when it counted. */
  settle(answered: Answered): void;
}

export interface OutboundLanes {
  /** In the order given; undefined is the one lane that leaves from the system's choice of address. */
  readonly addresses: readonly (string | undefined)[];
  /** Waits for room on the held lane that can send soonest; undefined when no lane is held. */
  enter(): Promise<LaneSlot | undefined>;
  heldCount(): number;
  /** The addresses held now; "default" for the lane without one. */
  heldAddresses(): string[];
  /** Starts sending on a lane another process may have used a moment ago. */
  hold(index: number): void;
  /** Stops sending on a lane at once; resolves once its requests on the way are answered. */
  letGo(index: number): Promise<void>;
  close(): void;
}

export interface OutboundLanesOptions {
  baseUrl: string;
  /** Empty: one lane without an address of its own. */
  addresses: readonly string[];
  perSecond: number;
  timeoutMs: number;
  /** Lanes nobody else shares are held from the start. */
  heldFromStart: boolean;
  now(): number;
}

interface Lane {
  address: string | undefined;
  poster: JsonPoster;
  limit: GlobalRateLimit;
  queue: GlobalQueue;
  held: boolean;
  onTheWay: number;
  whenIdle: (() => void)[];
}

export function createOutboundLanes(options: OutboundLanesOptions): OutboundLanes {
  const { now } = options;
  const addresses = options.addresses.length > 0 ? [...options.addresses] : [undefined];
  const lanes: Lane[] = addresses.map((address) => {
    const limit = createGlobalRateLimit(options.perSecond);
    return {
      address,
      // Enough connections for a second's worth of requests in flight at once.
      poster: createJsonPoster(options.baseUrl, { timeoutMs: options.timeoutMs, maxSockets: options.perSecond, ...(address && { localAddress: address }) }),
      limit,
      queue: createGlobalQueue(limit, now),
      held: options.heldFromStart,
      onTheWay: 0,
      whenIdle: [],
    };
  });
  // Idle lanes take turns, so that light traffic is spread over every address.
  let turn = 0;

  const soonest = (at: number): Lane | undefined => {
    let best: { lane: Lane; wait: number; waiting: number } | undefined;
    for (let offset = 0; offset < lanes.length; offset++) {
      const lane = lanes[(turn + offset) % lanes.length]!;
      if (!lane.held) continue;
      // Those waiting leave first, at most a second's allowance per window.
      const waiting = lane.queue.waiting();
      const wait = lane.limit.waitMs(at, (waiting % options.perSecond) + 1) + Math.floor(waiting / options.perSecond) * GLOBAL_WINDOW_MS;
      if (!best || wait < best.wait || (wait === best.wait && waiting < best.waiting)) best = { lane, wait, waiting };
    }
    turn = (turn + 1) % lanes.length;
    return best?.lane;
  };

  const finished = (lane: Lane) => {
    lane.onTheWay -= 1;
    if (lane.onTheWay === 0) for (const resolve of lane.whenIdle.splice(0)) resolve();
  };

  return {
    addresses,
    async enter() {
      for (;;) {
        const lane = soonest(now());
        if (!lane) return undefined;
        const slot = await lane.queue.enter();
        if (slot && lane.held) {
          lane.onTheWay += 1;
          return {
            poster: lane.poster,
            limit: lane.limit,
            settle(answered) {
              slot.settle(answered);
              finished(lane);
            },
          };
        }
        // The lane was let go while this request waited: nothing was sent, try another.
        slot?.settle({ discordNow: undefined, now: now() });
      }
    },
    heldCount: () => lanes.filter((lane) => lane.held).length,
    heldAddresses: () => lanes.filter((lane) => lane.held).map((lane) => lane.address ?? 'default'),
    hold(index) {
      const lane = lanes[index]!;
      if (lane.held) return;
      lane.held = true;
      // The process that held it before may have sent its last requests within the second:
      // they still count at Discord until a window has passed.
      lane.limit.blockFor(GLOBAL_WINDOW_MS, now());
    },
    letGo(index) {
      const lane = lanes[index]!;
      lane.held = false;
      lane.queue.evict();
      if (lane.onTheWay === 0) return Promise.resolve();
      return new Promise<void>((resolve) => lane.whenIdle.push(resolve));
    },
    close() {
      for (const lane of lanes) lane.poster.close();
    },
  };
}
