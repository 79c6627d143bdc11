// A bare JSON POST over kept-alive connections (node:http/https). The sender needs a status,
// headers and a small JSON body; a general HTTP client's pipeline (and @discordjs/rest's
// queue on top of it) cost more CPU than sending the message itself, at up to 50 a second.
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';

export interface JsonAnswer {
  status: number;
  /** Lower-case names. */
  headers: http.IncomingHttpHeaders;
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

export function createJsonPoster(baseUrl: string, options: JsonPosterOptions): JsonPoster {
  const base = new URL(baseUrl);
  const transport = base.protocol === 'https:' ? https : http;
  const agent = new transport.Agent({ keepAlive: true, maxSockets: options.maxSockets });
  // A local IPv6 address cannot reach Discord's IPv4 addresses, nor the other way round: resolve
  // the host name in the family of the address we leave from.
  const bound = options.localAddress ? { localAddress: options.localAddress, family: isIP(options.localAddress) } : {};
  const basePath = base.pathname.replace(/\/$/, '');

  return {
    post(path, body) {
      return new Promise<JsonAnswer>((resolve, reject) => {
        const request = transport.request(
          {
            protocol: base.protocol,
            hostname: base.hostname,
            port: base.port,
            path: `${basePath}${path}`,
            method: 'POST',
            agent,
            ...bound,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'DiscordBot (AniTrack, 0.1)' },
            timeout: options.timeoutMs,
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('error', reject);
            response.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              let parsed: unknown;
              if (text.length > 0 && String(response.headers['content-type'] ?? '').includes('json')) {
                try {
                  parsed = JSON.parse(text);
                } catch {
                  parsed = undefined;
                }
              }
              resolve({ status: response.statusCode ?? 0, headers: response.headers, body: parsed });
            });
          },
        );
        request.on('timeout', () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
        request.on('error', reject);
        request.end(body);
      });
    },
    close() {
      agent.destroy();
    },
  };
}
