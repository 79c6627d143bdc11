// A server the user manages: read it, add and remove anime (through the slash commands' own
// handlers, so with the same rules and limits).
import { displayTitle } from '../../domain/titles.ts';
import type { DashboardSession } from '../../store/repositories.ts';
import { runAnimeSubcommand } from '../run-subcommand.ts';
import { ApiError, defineRoute, NOT_FOUND } from './api-route.ts';
import type { DashboardServices } from './dashboard-services.ts';
import { addAnimeAnswer, addAnimeBody, guildAnimeParams, guildAnswer, guildParams } from './schemas.ts';

export function guildRoutes(services: DashboardServices) {
  const { repositories } = services.commands;
  const managed = async (session: DashboardSession, guildId: string) => {
    const guild = await services.access.manageable(session, guildId);
    if (!guild) throw NOT_FOUND();
    return guild;
  };

  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/guilds/:id',
      summary: "A server's channel, anime, settings and role locks",
      params: guildParams,
      answer: guildAnswer,
      status: 200,
      async handle({ session, params }) {
        const guild = await managed(session, params.id);
        const settings = await repositories.guilds.get(guild.id);
        const tracked = await repositories.trackedAnime.listForGuild(guild.id);
        const media = new Map((await repositories.media.getMany(tracked.map((entry) => entry.mediaId))).map((item) => [item.id, item]));
        const now = services.commands.now();
        const anime = await Promise.all(
          tracked.map(async (entry) => {
            const details = media.get(entry.mediaId);
            const next = entry.finishedAt === null ? await repositories.airings.nextForMedia(entry.mediaId, now) : undefined;
            return {
              mediaId: entry.mediaId,
              nickname: entry.nickname,
              title: details ? displayTitle(details, settings?.titleLanguage) : null,
              coverUrl: details?.coverImage ?? null,
              nextEpisode: next ? { episode: next.episode, airingAt: new Date(next.airingAt).toISOString() } : null,
              subscribers: await repositories.subscriptions.countForAnime(guild.id, entry.mediaId),
            };
          }),
        );
        return {
          id: guild.id,
          name: guild.name,
          channelId: settings?.notifyChannelId ?? null,
          anime,
          settings: {
            titleLanguage: settings?.titleLanguage ?? 'romaji',
            reminderOffsetMinutes: settings?.reminderOffsetMinutes ?? null,
            postAirDelayMinutes: settings?.postAirDelayMinutes ?? 0,
          },
          locks: await repositories.commandLocks.listForGuild(guild.id),
        };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/guilds/:id/anime',
      summary: "Adds an anime to the server's list, by the rules of /anime add",
      params: guildParams,
      body: addAnimeBody,
      answer: addAnimeAnswer,
      status: 201,
      async handle({ session, params, body }) {
        const guild = await managed(session, params.id);
        const outcome = await runAnimeSubcommand(
          services.commands,
          'add',
          { anime: String(body.mediaId), ...(body.nickname !== undefined && { nickname: body.nickname }) },
          { guildId: guild.id, userId: session.userId, permissions: guild.permissions },
        );
        if (!outcome.ok) throw new ApiError(outcome.status, outcome.message);
        const tracked = await repositories.trackedAnime.get(guild.id, body.mediaId);
        if (!tracked) throw new ApiError(500, 'The anime was added but cannot be read back.');
        return { mediaId: tracked.mediaId, nickname: tracked.nickname, message: outcome.message };
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/v1/guilds/:id/anime/:mediaId',
      summary: "Removes an anime from the server's list, by the rules of /anime remove",
      params: guildAnimeParams,
      status: 204,
      async handle({ session, params }) {
        const guild = await managed(session, params.id);
        if (!(await repositories.trackedAnime.get(guild.id, params.mediaId))) throw new ApiError(404, "That anime is not on this server's list.");
        const outcome = await runAnimeSubcommand(
          services.commands,
          'remove',
          { anime: String(params.mediaId) },
          { guildId: guild.id, userId: session.userId, permissions: guild.permissions },
        );
        if (!outcome.ok) throw new ApiError(outcome.status, outcome.message);
        return undefined;
      },
    }),
  ];
}
