// What the dashboard asks Discord on the user's behalf (scopes identify and guilds): who they
// are and which servers they are in, with their permissions there. Answers are parsed at the
// edge; a 429 that asks for a short wait is waited out once, a longer one is reported.
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';

export interface DiscordTokens {
  accessToken: string;
  refreshToken: string;
  tokenExpiresAt: number;
}

const userSchema = z.object({ id: z.string(), username: z.string(), global_name: z.string().nullish() });
const guildSchema = z.object({
  id: z.string(),
  name: z.string(),
  icon: z.string().nullish(),
  owner: z.boolean().default(false),
  permissions: z.string().regex(/^\d+$/),
});
export type DiscordUser = z.infer<typeof userSchema>;
export type UserGuild = z.infer<typeof guildSchema>;

/** Discord no longer accepts the access token (expired or revoked). */
export class DiscordTokenRejectedError extends Error {
  constructor() {
    super('Discord no longer accepts this login');
    this.name = 'DiscordTokenRejectedError';
  }
}

/** Discord rate-limits us for longer than a request may wait. */
export class DiscordBusyError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`Discord asked us to wait ${Math.ceil(retryAfterMs / 1000)} s`);
    this.name = 'DiscordBusyError';
  }
}

const MAX_INLINE_WAIT_MS = 2000;

export function createDiscordUserApi(options: { apiUrl: string }) {
  const base = `${options.apiUrl.replace(/\/$/, '')}/v10`;
  const get = async (path: string, accessToken: string, retried = false): Promise<unknown> => {
    const response = await fetch(`${base}${path}`, {
      headers: { authorization: `Bearer ${accessToken}`, 'user-agent': 'DiscordBot (AniTrack, 0.1)' },
      signal: AbortSignal.timeout(10_000),
    });
    if (response.status === 401) throw new DiscordTokenRejectedError();
    if (response.status === 429) {
      const body = (await response.json().catch(() => ({}))) as { retry_after?: unknown };
      const retryAfterMs = typeof body.retry_after === 'number' ? body.retry_after * 1000 : Number(response.headers.get('retry-after') ?? 1) * 1000;
      if (retried || retryAfterMs > MAX_INLINE_WAIT_MS) throw new DiscordBusyError(retryAfterMs);
      await sleep(retryAfterMs);
      return get(path, accessToken, true);
    }
    if (!response.ok) throw new Error(`Discord answered ${response.status} to GET ${path}`);
    return response.json();
  };
  return {
    me: async (accessToken: string): Promise<DiscordUser> => userSchema.parse(await get('/users/@me', accessToken)),
    guilds: async (accessToken: string): Promise<UserGuild[]> => z.array(guildSchema).parse(await get('/users/@me/guilds', accessToken)),
  };
}

export type DiscordUserApi = ReturnType<typeof createDiscordUserApi>;
