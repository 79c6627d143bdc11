// Discord REST through @discordjs/rest, which keeps Discord's rate-limit buckets and waits out
// 429s for us. The base address is a setting so tests and the sandbox use a local Discord.
import { REST } from '@discordjs/rest';
import { API } from '@discordjs/core/http-only';

export interface DiscordRest {
  rest: REST;
  api: API;
}

export function createDiscordRest(options: { apiUrl: string; botToken: string | undefined }): DiscordRest {
  const rest = new REST({ api: options.apiUrl, version: '10' });
  if (options.botToken) rest.setToken(options.botToken);
  return { rest, api: new API(rest) };
}
