// A bare JSON POST over kept-alive connections, through undici's connection pool. The sender
// needs a status, headers and a small JSON body; a general client's pipeline (fetch, and
// @discordjs/rest's queue on top of it) cost more CPU than sending the message itself, at up to
// 50 a second, and undici's pool costs less than node:http's agent (measured with `npm run bench
// -- fanout`). It dispatches with a handler of its own rather than `request()`, whose answer is a
// stream: the body is a few hundred bytes, collected as it comes.
import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import { Pool, util, type Dispatcher } from 'undici';

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

  const answerOf = (status: number, headers: IncomingHttpHeaders, text: string): JsonAnswer => {
    let parsed: unknown;
    if (text.length > 0 && String(headers['content-type'] ?? '').includes('json')) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    return { status, headers, body: parsed };
  };

  return {
    post(path, body) {
      return new Promise<JsonAnswer>((resolve, reject) => {
        let status = 0;
        let headers: IncomingHttpHeaders = {};
        const chunks: Buffer[] = [];
        const handler: Dispatcher.DispatchHandlers = {
          onConnect: () => undefined,
          onHeaders(statusCode, rawHeaders) {
            // An informational answer (1xx) comes before the real one.
            if (statusCode >= 200) {
              status = statusCode;
              headers = util.parseHeaders(rawHeaders);
            }
            return true;
          },
          onData(chunk) {
            chunks.push(chunk);
            return true;
          },
          onComplete() {
            const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
            resolve(answerOf(status, headers, text));
          },
          onError(error) {
            // Said in the words the delivery log shows for it.
            if (TIMEOUTS.has((error as { code?: string }).code ?? '')) reject(new Error(`no answer within ${options.timeoutMs} ms`, { cause: error }));
            else reject(error);
          },
        };
        pool.dispatch({ path: `${basePath}${path}`, method: 'POST', headers: HEADERS, body }, handler);
      });
    },
    close() {
      void pool.destroy();
    },
  };
}
