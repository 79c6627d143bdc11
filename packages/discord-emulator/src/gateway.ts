// The fake's gateway (events/gateway): a `ws` server on the REST port at /gateway. It speaks
// JSON text frames. HELLO on connect; IDENTIFY with the bot token → READY then one
// GUILD_CREATE per guild; RESUME of a known session → the missed events then RESUMED; an
// unknown session → op 9 (not resumable). @discordjs/ws 2.0 connects with ?v=10&encoding=json
// and no compression by default; a client that asks for zlib-stream gets plain text frames
// anyway, which @discordjs/ws reads as JSON (it only inflates binary frames).
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { Close, intentFor, KNOWN_INTENTS, Op, PRIVILEGED_INTENTS, SESSION_ENDING_CLOSE_CODES } from './gateway-protocol.ts';
import { GatewaySession, sendRaw, type GatewayConnection } from './gateway-session.ts';

export const GATEWAY_PATH = '/gateway';

export interface GatewayDeps {
  botToken: string;
  heartbeatIntervalMs: number;
  /** Privileged intents enabled for the application (GUILD_MEMBERS, GUILD_PRESENCES, MESSAGE_CONTENT). */
  privilegedIntents: number;
  url(): string;
  /** READY's `d`, without session_id/resume_gateway_url/shard, which the gateway fills in. */
  readyData(shard: readonly [number, number]): Record<string, unknown>;
  /** The GUILD_CREATE payloads a new session on this shard receives. */
  guildCreates(shard: readonly [number, number]): Record<string, unknown>[];
}

export interface GatewayStats {
  identifies: number;
  resumes: number;
  /** RESUMEs answered with op 9 because the session was unknown or over. */
  failedResumes: number;
}

export interface FakeGateway {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Sends an event to every live session whose intents cover it (kept for replay if the client is away). Returns how many sessions got it. */
  dispatch(t: string, d: unknown): number;
  /** Closes every socket with `code` (1006 = no close frame at all). Sessions stay resumable unless the code ends them. */
  dropConnections(code?: number): void;
  /** Op 7: asks connected clients to reconnect and resume. */
  requestReconnect(): void;
  /** Op 9 to connected clients; with resumable false their sessions end. */
  invalidateSessions(resumable?: boolean): void;
  /** false = stop answering heartbeats, so a client sees a zombie connection. */
  setHeartbeatAcks(enabled: boolean): void;
  sessions(): GatewayStats;
  /** Open sockets with a READY (or RESUMED) session. */
  connected(): number;
  identifiedIntents(): number[];
  /** The [shard id, shard count] of each accepted IDENTIFY, in order. */
  identifiedShards(): [number, number][];
  /** The query string of each connection, in order (e.g. {v: '10', encoding: 'json'}). */
  connectQueries(): Record<string, string>[];
  close(): void;
}

export function createGateway(deps: GatewayDeps): FakeGateway {
  const wss = new WebSocketServer({ noServer: true });
  const sessions = new Map<string, GatewaySession>();
  const connections = new Set<GatewayConnection>();
  const stats: GatewayStats = { identifies: 0, resumes: 0, failedResumes: 0 };
  const intentsSeen: number[] = [];
  const shardsIdentified: [number, number][] = [];
  const queries: Record<string, string>[] = [];
  let acking = true;

  const closeWith = (connection: GatewayConnection, code: number, reason = '') => {
    connection.closedByServerWith = code;
    if (code === 1006) connection.socket.terminate();
    else connection.socket.close(code, reason);
  };

  function identify(connection: GatewayConnection, d: Record<string, unknown>): void {
    if (connection.session) return closeWith(connection, Close.AlreadyAuthenticated, 'Already authenticated.');
    if (typeof d.intents === 'number') intentsSeen.push(d.intents);
    if (d.token !== deps.botToken) return closeWith(connection, Close.AuthenticationFailed, 'Authentication failed.');
    const intents = d.intents;
    if (typeof intents !== 'number' || !Number.isInteger(intents) || intents < 0 || (intents & ~KNOWN_INTENTS) !== 0) {
      return closeWith(connection, Close.InvalidIntents, 'Invalid intent(s).');
    }
    if ((intents & PRIVILEGED_INTENTS & ~deps.privilegedIntents) !== 0) return closeWith(connection, Close.DisallowedIntents, 'Disallowed intent(s).');
    const shard = parseShard(d.shard);
    if (!shard) return closeWith(connection, Close.InvalidShard, 'Invalid shard.');

    const session = new GatewaySession(randomBytes(16).toString('hex'), intents, shard);
    sessions.set(session.id, session);
    session.connection = connection;
    connection.session = session;
    stats.identifies++;
    shardsIdentified.push([shard[0], shard[1]]);
    session.dispatch('READY', { ...deps.readyData(shard), session_id: session.id, resume_gateway_url: deps.url(), shard: [...shard] });
    for (const guild of deps.guildCreates(shard)) if (covers(session, 'GUILD_CREATE', guild)) session.dispatch('GUILD_CREATE', guild);
  }

  function resume(connection: GatewayConnection, d: Record<string, unknown>): void {
    if (connection.session) return closeWith(connection, Close.AlreadyAuthenticated, 'Already authenticated.');
    if (d.token !== deps.botToken) return closeWith(connection, Close.AuthenticationFailed, 'Authentication failed.');
    const session = typeof d.session_id === 'string' ? sessions.get(d.session_id) : undefined;
    if (!session?.resumable) {
      stats.failedResumes++;
      return sendRaw(connection, Op.InvalidSession, false);
    }
    const seq = typeof d.seq === 'number' ? d.seq : 0;
    if (seq > session.seq) return closeWith(connection, Close.InvalidSeq, 'Invalid seq.');
    // A session lives on one socket: resuming it elsewhere ends the old connection.
    if (session.connection && session.connection !== connection) closeWith(session.connection, Close.UnknownError);
    session.connection = connection;
    connection.session = session;
    stats.resumes++;
    session.replayAfter(seq);
    session.dispatch('RESUMED', { _trace: ['fake-discord-gateway'] }, { replayable: false });
  }

  function onMessage(connection: GatewayConnection, data: RawData): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      payload = JSON.parse(rawText(data)) as { op?: unknown; d?: unknown };
    } catch {
      return closeWith(connection, Close.DecodeError, 'Error while decoding payload.');
    }
    const d = typeof payload.d === 'object' && payload.d !== null ? (payload.d as Record<string, unknown>) : {};
    switch (payload.op) {
      case Op.Heartbeat:
        if (acking) sendRaw(connection, Op.HeartbeatAck, null);
        return;
      case Op.Identify:
        return identify(connection, d);
      case Op.Resume:
        return resume(connection, d);
      case Op.PresenceUpdate:
      case Op.VoiceStateUpdate:
      case Op.RequestGuildMembers:
        if (!connection.session) closeWith(connection, Close.NotAuthenticated, 'Not authenticated.');
        return;
      default:
        return closeWith(connection, Close.UnknownOpcode, 'Unknown opcode.');
    }
  }

  function onClose(connection: GatewayConnection, clientCode: number): void {
    connections.delete(connection);
    const session = connection.session;
    if (!session || session.connection !== connection) return;
    session.connection = null;
    const code = connection.closedByServerWith ?? clientCode;
    // Discord ends a session the client closed normally (1000/1001), or one a fatal code closed.
    const clientEndedIt = connection.closedByServerWith === null && (clientCode === 1000 || clientCode === 1001);
    if (clientEndedIt || SESSION_ENDING_CLOSE_CODES.has(code)) session.resumable = false;
  }

  function onConnection(socket: WebSocket, query: Record<string, string>): void {
    const connection: GatewayConnection = { socket, session: null, query, closedByServerWith: null };
    connections.add(connection);
    queries.push(query);
    socket.on('message', (data) => onMessage(connection, data));
    socket.on('close', (code) => onClose(connection, code));
    socket.on('error', () => undefined);
    if (query.v !== undefined && query.v !== '10') return closeWith(connection, Close.InvalidApiVersion, 'Invalid API version.');
    if (query.encoding !== undefined && query.encoding !== 'json') return closeWith(connection, Close.DecodeError, 'The fake speaks JSON only.');
    sendRaw(connection, Op.Hello, { heartbeat_interval: deps.heartbeatIntervalMs });
  }

  const live = () => [...sessions.values()].filter((session) => session.resumable);

  return {
    handleUpgrade(request, socket, head) {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (url.pathname !== GATEWAY_PATH && url.pathname !== `${GATEWAY_PATH}/`) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => onConnection(ws, Object.fromEntries(url.searchParams)));
    },
    dispatch(t, d) {
      const targets = live().filter((session) => covers(session, t, d));
      for (const session of targets) session.dispatch(t, structuredClone(d));
      return targets.length;
    },
    dropConnections(code = Close.UnknownError) {
      for (const connection of connections) closeWith(connection, code, 'fake Discord dropped the connection');
    },
    requestReconnect() {
      for (const connection of connections) sendRaw(connection, Op.Reconnect, null);
    },
    invalidateSessions(resumable = false) {
      for (const connection of connections) {
        if (!connection.session) continue;
        if (!resumable) connection.session.resumable = false;
        sendRaw(connection, Op.InvalidSession, resumable);
      }
    },
    setHeartbeatAcks: (enabled) => void (acking = enabled),
    sessions: () => ({ ...stats }),
    connected: () =>
      [...connections].filter((connection) => connection.session?.connection === connection && connection.socket.readyState === connection.socket.OPEN).length,
    identifiedIntents: () => [...intentsSeen],
    identifiedShards: () => shardsIdentified.map(([id, count]) => [id, count]),
    connectQueries: () => queries.map((query) => ({ ...query })),
    close() {
      for (const connection of connections) connection.socket.terminate();
      connections.clear();
      wss.close();
    },
  };
}

function covers(session: GatewaySession, event: string, data: unknown): boolean {
  const intent = intentFor(event, data);
  if (intent !== null && (session.intents & intent) === 0) return false;
  // Guild events go to the shard that owns the guild: (guild_id >> 22) % shard_count.
  const guildId = guildIdOf(event, data);
  if (guildId === null || session.shard[1] === 1) return true;
  return Number((BigInt(guildId) >> 22n) % BigInt(session.shard[1])) === session.shard[0];
}

function guildIdOf(event: string, data: unknown): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const record = data as Record<string, unknown>;
  if (typeof record.guild_id === 'string') return record.guild_id;
  return event.startsWith('GUILD_') && typeof record.id === 'string' && /^\d+$/.test(record.id) ? record.id : null;
}

function parseShard(shard: unknown): readonly [number, number] | null {
  if (shard === undefined) return [0, 1];
  if (!Array.isArray(shard) || shard.length !== 2) return null;
  const [id, count] = shard as unknown[];
  if (typeof id !== 'number' || typeof count !== 'number' || count < 1 || id < 0 || id >= count) return null;
  return [id, count];
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}
