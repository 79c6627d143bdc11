// `anitrack rest-proxy`: one queue in front of Discord for the bot's REST requests. Every
// process sends its bot-token requests here (DISCORD_REST_PROXY_URL); @discordjs/proxy hands
// each to one @discordjs/rest, which keeps Discord's buckets and the bot's 50 requests a second
// for all of them together and waits out a 429 rather than passing it on. Each request keeps
// its caller's Authorization header: the proxy holds no token of its own.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { proxyRequests } from '@discordjs/proxy';
import { DiscordAPIError, HTTPError, RateLimitError, REST, type InternalRequest, type ResponseLike } from '@discordjs/rest';
import type { Logger } from '../logger.ts';

export interface RestProxyOptions {
  /** Discord's REST base without the version (DISCORD_API_URL). */
  apiUrl: string;
  host: string;
  port: number;
  logger: Logger;
}

export interface RestProxy {
  /** http://host:port, what DISCORD_REST_PROXY_URL names. */
  address: string;
  /** Requests forwarded to Discord since the start. */
  forwarded(): number;
  close(): Promise<void>;
}

/** Marks the requests the proxy sent, in Discord's logs as in the local Discord's. */
export const REST_PROXY_USER_AGENT = 'AniTrack-rest-proxy';

class ProxiedRest extends REST {
  constructor(
    apiUrl: string,
    private readonly logger: Logger,
  ) {
    // No retries of a 5xx or a timeout here: the caller's own client retries them, and both
    // doing it would multiply the attempts while Discord is in trouble.
    super({ api: apiUrl, version: '10', userAgentAppendix: REST_PROXY_USER_AGENT, retries: 0 });
  }

  override async queueRequest(request: InternalRequest): Promise<ResponseLike> {
    // @discordjs/proxy hands over the caller's request as a stream, which can be read once: the
    // request sent again after a 429 would go out with no body (and Discord answer 50035).
    const body = request.body instanceof Readable ? await buffer(request.body) : request.body;
    try {
      return await super.queueRequest({ ...request, body });
    } catch (error) {
      // @discordjs/proxy answers only Discord's own errors; anything else (Discord unreachable)
      // would leave the caller with an empty 200. As a 502 the caller's client retries it.
      if (error instanceof DiscordAPIError || error instanceof HTTPError || error instanceof RateLimitError) throw error;
      this.logger.warn({ err: error, method: request.method, route: request.fullRoute }, 'Could not reach Discord for a proxied request');
      throw new HTTPError(502, 'Discord could not be reached', request.method, request.fullRoute, { files: undefined, body: undefined });
    }
  }
}

export async function startRestProxy(options: RestProxyOptions): Promise<RestProxy> {
  const { logger } = options;
  const rest = new ProxiedRest(options.apiUrl, logger);
  rest.on('rateLimited', (limit) =>
    logger.debug({ global: limit.global, route: limit.route, waitMs: limit.timeToReset }, "Holding requests back for Discord's rate limit"),
  );
  const forward = proxyRequests(rest);
  let forwarded = 0;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://proxy').pathname;
    if (path === '/healthz') return sendJson(response, 200, { ok: true });
    // Only Discord's API is passed on: the proxy is no general relay from this address.
    if (!path.startsWith('/api/')) return sendJson(response, 404, { message: '404: Not Found', code: 0 });
    forwarded += 1;
    await forward(request, response);
  };
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.error({ err: error }, 'A proxied request failed');
      if (!response.headersSent) sendJson(response, 502, { message: 'The REST proxy could not forward the request', code: 0 });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const address = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  logger.info({ address, discord: options.apiUrl }, 'The Discord REST proxy is listening');

  return {
    address,
    forwarded: () => forwarded,
    close: async () => {
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
