// A gateway session outlives its socket: events dispatched while the client is away are
// numbered and kept, and a RESUME with the last sequence the client saw replays the rest.
// That is what lets a test drop the connection and still expect the event to arrive.
import type { WebSocket } from 'ws';
import { Op } from './gateway-protocol.ts';

/** How many past events a session keeps for replay. */
const REPLAY_LIMIT = 1000;

export interface GatewayConnection {
  socket: WebSocket;
  session: GatewaySession | null;
  query: Record<string, string>;
  /** Set when the fake itself closes the socket, so the close handler knows whose decision it was. */
  closedByServerWith: number | null;
}

export interface GatewayPayload {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

export class GatewaySession {
  seq = 0;
  connection: GatewayConnection | null = null;
  /** False once Discord would refuse to resume it (normal close by the client, or a session-ending code). */
  resumable = true;
  private readonly log: GatewayPayload[] = [];

  constructor(
    readonly id: string,
    readonly intents: number,
    readonly shard: readonly [number, number],
  ) {}

  /** Numbers and keeps the event, and sends it now if the client is connected. */
  dispatch(t: string, d: unknown, options: { replayable: boolean } = { replayable: true }): void {
    const payload: GatewayPayload = { op: Op.Dispatch, t, s: ++this.seq, d };
    if (options.replayable) {
      this.log.push(payload);
      if (this.log.length > REPLAY_LIMIT) this.log.shift();
    }
    this.send(payload);
  }

  replayAfter(seq: number): void {
    for (const payload of this.log) if (payload.s !== null && payload.s > seq) this.send(payload);
  }

  send(payload: GatewayPayload): void {
    const socket = this.connection?.socket;
    if (socket && socket.readyState === socket.OPEN) socket.send(JSON.stringify(payload));
  }
}

export function sendRaw(connection: GatewayConnection, op: number, d: unknown): void {
  const { socket } = connection;
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ op, d, s: null, t: null }));
}
