// Which outbound addresses this worker sends from. Discord allows 50 webhook requests a second
// per address, whoever sends them, so each address is used by one process at a time: it holds
// the address's lock (store/process-locks.ts; on PostgreSQL an advisory lock, freed the moment
// its holder dies, so another worker takes the address over at its next try, within seconds).
// Without OUTBOUND_ADDRESSES there is one lane, held under the name "default": one worker of the
// installation sends at a time.
//
// Workers given the same addresses share them out. Each takes a seat (one lock among as many as
// there are addresses), counts the seats taken and, by its seat's rank, holds its share of the
// addresses; one holding more than its share hands the rest over, once what it sent on them is
// answered. A worker left without a seat (more workers than addresses) stands by. The shares
// only spread the work: that no address is used twice rests on the address locks alone.
import { createSocket } from 'node:dgram';
import { isIP } from 'node:net';
import type { Logger } from '../logger.ts';
import type { HeldLock, ProcessLocks } from '../store/process-locks.ts';
import type { OutboundLanes } from './discord/outbound-lanes.ts';

export interface AddressLeases {
  /** Takes what it can now; keeps trying every few seconds until stopped. */
  start(): Promise<void>;
  /** Lets every address go, each once the requests sent on it are answered. */
  stop(): Promise<void>;
}

export interface AddressLeaseOptions {
  lanes: Pick<OutboundLanes, 'addresses' | 'hold' | 'letGo'>;
  locks: ProcessLocks;
  logger?: Logger;
  retryMs?: number;
}

// How soon an address a worker let go of (or died holding) is taken over.
const RETRY_MS = 2000;

export function addressLockName(address: string | undefined): string {
  return `outbound address ${address ?? 'default'}`;
}

/** How many of `addresses` the worker at `rank` among `seated` workers holds: they are dealt out one by one. */
export function shareOf(addresses: number, seated: number, rank: number): number {
  if (rank < 0 || rank >= seated) return 0;
  return Math.floor(addresses / seated) + (rank < addresses % seated ? 1 : 0);
}

export function leaseOutboundAddresses(options: AddressLeaseOptions): AddressLeases {
  const { lanes, locks, logger } = options;
  const retryMs = options.retryMs ?? RETRY_MS;
  const count = lanes.addresses.length;
  const label = (index: number) => lanes.addresses[index] ?? 'default';
  // Only workers given the same addresses count each other's seats.
  const list = lanes.addresses.map((address) => address ?? 'default').sort();
  const seatName = (index: number) => `outbound seat ${index} among ${list.join(',')}`;
  const held = new Map<number, HeldLock>();
  const bindable = new Set<number>();
  const unbindableTold = new Set<number>();
  let seat: { index: number; lock: HeldLock } | undefined;
  let running = false;
  let ticking: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let troubleTold = false;

  const canBind = async (index: number) => {
    const address = lanes.addresses[index];
    if (address === undefined || bindable.has(index)) return true;
    const problem = await bindProblem(address);
    if (problem === undefined) {
      bindable.add(index);
      return true;
    }
    if (!unbindableTold.has(index)) {
      unbindableTold.add(index);
      logger?.error({ address, problem }, 'OUTBOUND_ADDRESSES names an address this machine cannot send from; it stays unused until it can');
    }
    return false;
  };

  const take = async (index: number) => {
    if (!(await canBind(index))) return;
    const lock = await locks.tryHold(addressLockName(lanes.addresses[index]));
    if (!lock) return;
    held.set(index, lock);
    lanes.hold(index);
    logger?.info({ address: label(index) }, 'Took an outbound address: sending from it');
    void lock.lost.then(() => {
      if (held.get(index) !== lock) return;
      held.delete(index);
      void lanes.letGo(index);
      logger?.warn({ address: label(index) }, 'Lost an outbound address (the database session ended): no longer sending from it');
    });
  };

  const letGo = async (index: number, why: string) => {
    const lock = held.get(index);
    if (!lock) return;
    held.delete(index);
    await lanes.letGo(index);
    await lock.release();
    logger?.info({ address: label(index) }, why);
  };

  // This worker's seat and rank among the seated, or undefined while it has no seat.
  const position = async (): Promise<{ seated: number; rank: number } | undefined> => {
    if (seat && !seat.lock.isHeld()) seat = undefined;
    for (let index = 0; index < count && !seat; index++) {
      const lock = await locks.tryHold(seatName(index));
      if (lock) seat = { index, lock };
    }
    if (!seat) return undefined;
    let seated = 1;
    let rank = 0;
    for (let index = 0; index < count; index++) {
      if (index === seat.index) continue;
      // A seat we can take is free: give it straight back.
      const probe = await locks.tryHold(seatName(index));
      if (probe) {
        await probe.release();
        continue;
      }
      seated += 1;
      if (index < seat.index) rank += 1;
    }
    return { seated, rank };
  };

  const tick = async () => {
    const where = await position();
    const share = where ? shareOf(count, where.seated, where.rank) : 0;
    for (const index of [...held.keys()].sort((a, b) => b - a)) {
      if (held.size <= share) break;
      await letGo(index, 'Handed an outbound address over to another worker');
    }
    for (let index = 0; index < count && held.size < share && running; index++) if (!held.has(index)) await take(index);
  };

  const loop = (): Promise<void> => {
    ticking = tick()
      .then(() => {
        troubleTold = false;
      })
      .catch((error: unknown) => {
        if (!troubleTold) logger?.warn({ err: error }, 'Could not take outbound addresses (the database does not answer); trying again');
        troubleTold = true;
      })
      .finally(() => {
        ticking = undefined;
        if (!running) return;
        timer = setTimeout(() => void loop(), retryMs);
        timer.unref();
      });
    return ticking;
  };

  return {
    async start() {
      if (running) return;
      running = true;
      await loop();
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await ticking;
      for (const index of [...held.keys()]) await letGo(index, 'Released an outbound address: this worker stopped');
      await seat?.lock.release();
      seat = undefined;
    },
  };
}

// An address the machine does not have fails every request: better to say so once and not hold it.
function bindProblem(address: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = createSocket(isIP(address) === 6 ? 'udp6' : 'udp4');
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.close(() => undefined);
      resolve(error.code ?? error.message);
    });
    socket.bind(0, address, () => {
      socket.close();
      resolve(undefined);
    });
  });
}
