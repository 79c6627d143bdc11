// Discord REST through @discordjs/rest, which keeps Discord's rate-limit buckets and waits out
// 429s for us. The base address is a setting so tests and the sandbox use a local Discord.
//
// With a REST proxy (`anitrack rest-proxy`, DISCORD_REST_PROXY_URL) the requests made with the
// bot's token go there: Discord allows a bot 50 a second whatever the number of processes, and
// only one queue in front of Discord can keep to that. Requests without the token (interaction
// callbacks and follow-ups, webhooks addressed by their own token) still go straight to Discord:
// they do not draw on the bot's budget, and an interaction's three seconds should not be spent
// waiting behind the bot's other requests.
import { REST, type InternalRequest, type ResponseLike } from '@discordjs/rest';
import { API } from '@discordjs/core/http-only';

export interface DiscordRest {
  rest: REST;
  api: API;
}

export interface DiscordRestOptions {
  /** Discord's REST base without the version (DISCORD_API_URL). */
  apiUrl: string;
  botToken: string | undefined;
  /** The REST proxy's base, ending in /api (config.ts writes it so). */
  proxyUrl?: string | undefined;
}

// A request may wait in the proxy's queue (the bot's global limit, a bucket's reset) before it
// is sent: the usual 15 s would make this side give up and send it again while the first is
// still queued.
const PROXIED_TIMEOUT_MS = 60_000;

class BotRequestsThroughProxy extends REST {
  constructor(
    proxyUrl: string,
    private readonly direct: REST,
  ) {
    super({ api: proxyUrl, version: '10', timeout: PROXIED_TIMEOUT_MS });
  }

  override queueRequest(request: InternalRequest): Promise<ResponseLike> {
    return request.auth === false ? this.direct.queueRequest(request) : super.queueRequest(request);
  }
}

export function createDiscordRest(options: DiscordRestOptions): DiscordRest {
  const direct = new REST({ api: options.apiUrl, version: '10' });
  const rest = options.proxyUrl ? new BotRequestsThroughProxy(options.proxyUrl, direct) : direct;
  if (options.botToken) rest.setToken(options.botToken);
  return { rest, api: new API(rest) };
}
