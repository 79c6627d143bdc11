// Every body the API takes and gives, once: requests are parsed with these, answers are typed
// from them, and /api/v1/openapi.json is generated from them.
import { z } from 'zod';

export const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id');

export const problem = z.object({ message: z.string().describe('What went wrong, in plain words') });

export const meAnswer = z.object({
  user: z.object({ id: snowflake, username: z.string() }),
  csrfToken: z.string().describe('Send it in the x-csrf-token header of every request that changes something'),
  guilds: z.array(
    z.object({
      id: snowflake,
      name: z.string(),
      icon: z.string().nullable(),
      canManage: z.boolean(),
      botPresent: z.boolean().describe('Whether AniTrack is in the server'),
    }),
  ),
});

export const guildParams = z.object({ id: snowflake });
export const guildAnimeParams = z.object({ id: snowflake, mediaId: z.coerce.number().int().positive() });

export const trackedAnime = z.object({
  mediaId: z.number().int(),
  nickname: z.string(),
  title: z.string().nullable(),
  coverUrl: z.string().nullable(),
  nextEpisode: z.object({ episode: z.number().int(), airingAt: z.string().describe('ISO 8601') }).nullable(),
  subscribers: z.number().int(),
  paused: z.boolean().describe('Paused: on the list, but no notifications until resumed'),
  overLimit: z
    .boolean()
    .describe("Paused by the server's tier: past its list limit, so no notifications; resumes when the tier allows it again or a slot frees up"),
});

export const guildAnswer = z.object({
  id: snowflake,
  name: z.string(),
  channelId: snowflake.nullable(),
  tier: z
    .object({
      name: z.string().describe('The premium tier the server is on'),
      maxAnime: z.number().int().nullable().describe('Anime its list may hold; null: unlimited'),
      customTiming: z.boolean().describe('Whether the delay after airing applies; without it a stored delay is held'),
    })
    .describe("The server's premium tier and what it allows"),
  anime: z.array(trackedAnime),
  settings: z.object({
    titleLanguage: z.enum(['romaji', 'english', 'native']),
    reminderOffsetMinutes: z.number().int().nullable(),
    postAirDelayMinutes: z.number().int(),
  }),
  locks: z.array(z.object({ command: z.string(), roleId: snowflake })).describe('Slash commands limited to roles'),
  dashboardRoles: z.array(snowflake).describe('Roles whose members may manage the server here, besides its managers'),
});

export const addAnimeBody = z.strictObject({
  mediaId: z.number().int().positive().describe('The AniList id'),
  nickname: z.string().min(1).max(100).optional(),
});

export const addAnimeAnswer = z.object({ mediaId: z.number().int(), nickname: z.string(), message: z.string() });

export type GuildAnswer = z.output<typeof guildAnswer>;

export const renameAnimeBody = z.strictObject({ nickname: z.string().min(1).max(100) });
