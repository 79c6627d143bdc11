// A bare JSON POST over kept-alive connections, through undici's connection pool. The sender
// needs a status, headers and a small JSON body; a general client's pipeline (fetch, and
// @discordjs/rest's queue on top of it) cost more CPU than sending the message itself, at up to
// 50 a second, and undici's pool costs less than node:http's agent (measured with `npm run bench
// -- fanout`).
import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import { Pool, type Dispatcher } from 'undici';

export interface JsonAnswer {
  status: number;
  /** Lower-case names. */
  headers: IncomingHttpHeaders;
  /** Parsed JSON; undefined for an empty or non-JSON body. */
  body: unknown;
}

export interface JsonPoster {
  /** `path` is appended to the base URL's path; rejects on network errors and time-outs. */
  post(path: string, body: string): Promise<JsonAnswer>;
  close(): void;
}

export interface JsonPosterOptions {
  timeoutMs: number;
  maxSockets: number;
  /** The local address connections leave from (OUTBOUND_ADDRESSES); the system's choice when unset. */
  localAddress?: string;
}

const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const HEADERS = { 'content-type': 'application/json', 'user-agent': 'DiscordBot (AniTrack, 0.1)' };

export function createJsonPoster(baseUrl: string, options: JsonPosterOptions): JsonPoster {
  const base = new URL(baseUrl);
  const basePath = base.pathname.replace(/\/$/, '');
  const pool = new Pool(base.origin, {
    connections: options.maxSockets,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    ...(options.localAddress && {
      localAddress: options.localAddress,
      // A local IPv6 address cannot reach Discord's IPv4 addresses, nor the other way round:
      // resolve the host name in the family of the address we leave from.
      // (The port is the pool's own; the type asks for one.)
      connect: { family: isIP(options.localAddress), port: Number(base.port) || (base.protocol === 'https:' ? 443 : 80) },
    }),
  });

  return {
    async post(path, body) {
      let response: Dispatcher.ResponseData;
      let text: string;
      try {
        response = await pool.request({ path: `${basePath}${path}`, method: 'POST', headers: HEADERS, body });
        text = await response.body.text();
      } catch (error) {
        // Said in the words the delivery log shows for it.
        if (TIMEOUTS.has((error as { code?: string }).code ?? '')) throw new Error(`no answer within ${options.timeoutMs} ms`, { cause: error });
        throw error;
      }
      let parsed: unknown;
      if (text.length > 0 && String(response.headers['content-type'] ?? '').includes('json')) {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
      }
      return { status: response.statusCode, headers: response.headers, body: parsed };
    },
    close() {
      void pool.destroy();
    },
  };
}
