// How long a client may take. Without these a slow client (slowloris: a request trickled a byte
// at a time, or a connection opened and left silent) holds a socket for as long as it likes, and
// enough of them exhaust the process's file descriptors.
import type { ServerOptions } from 'node:http';
import type { ServerOptions as HttpsServerOptions } from 'node:https';

export interface ServerTimeouts {
  /**
   * The request line and every header must have arrived by then: the slowloris defence. Over
   * TLS the handshake gets the same deadline (httpsTimeoutOptions).
   */
  headersMs: number;
  /** The whole request, body included. */
  requestMs: number;
  /** No byte either way for this long and the socket is closed. */
  idleMs: number;
  /** A kept-alive connection with no next request. */
  keepAliveMs: number;
  /**
   * How often Node looks for requests past headersMs or requestMs. Its default (30 s) would let
   * a slow client stay up to 30 s past its deadline.
   */
  checkIntervalMs: number;
}

export const DEFAULT_SERVER_TIMEOUTS: ServerTimeouts = {
  headersMs: 10_000,
  // Our largest body is 512 KiB (an interaction); 30 s is plenty even on a poor link.
  requestMs: 30_000,
  idleMs: 30_000,
  // Longer than the 60 s idle timeout common reverse proxies use, so the proxy is the one that
  // closes a kept-alive connection and never reuses one we are closing (Fastify's own default).
  keepAliveMs: 72_000,
  checkIntervalMs: 1_000,
};

/** Fastify's server options for these timeouts (`http` goes to Node's createServer). */
export function serverTimeoutOptions(overrides: Partial<ServerTimeouts> = {}): {
  connectionTimeout: number;
  requestTimeout: number;
  keepAliveTimeout: number;
  http: ServerOptions;
} {
  const timeouts = { ...DEFAULT_SERVER_TIMEOUTS, ...overrides };
  return {
    connectionTimeout: timeouts.idleMs,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    http: {
      headersTimeout: timeouts.headersMs,
      // Node checks headersTimeout against this one when it creates the server.
      requestTimeout: timeouts.requestMs,
      connectionsCheckingInterval: timeouts.checkIntervalMs,
    },
  };
}

/**
 * The same limits for Node's https server (its options hold the http server's), plus the TLS
 * handshake: a connection that opens and stays silent must be gone by the headers' deadline, not
 * after Node's default of 120 s, since the http timeouts only start once the handshake is over.
 */
export function httpsTimeoutOptions(overrides: Partial<ServerTimeouts> = {}): HttpsServerOptions {
  const timeouts = { ...DEFAULT_SERVER_TIMEOUTS, ...overrides };
  return { ...serverTimeoutOptions(overrides).http, handshakeTimeout: timeouts.headersMs };
}
