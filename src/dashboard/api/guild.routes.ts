// A server the user manages: read it, add and remove anime (through the slash commands' own
// handlers, so with the same rules and limits).
import type { DashboardSession } from '../../store/repositories.ts';
import { addAnime, removeAnime, renameAnime } from '../guild-actions.ts';
import { readGuildView } from '../guild-view.ts';
import { defineRoute, NOT_FOUND } from './api-route.ts';
import type { DashboardServices } from './dashboard-services.ts';
import { addAnimeAnswer, addAnimeBody, guildAnimeParams, guildAnswer, guildParams, renameAnimeBody } from './schemas.ts';

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
        return readGuildView(repositories, services.commands.tiers, guild, services.commands.now());
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
        return addAnime(services.commands, { session, guild }, body);
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
        await removeAnime(services.commands, { session, guild }, params.mediaId);
        return undefined;
      },
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/v1/guilds/:id/anime/:mediaId',
      summary: "Gives an anime on the server's list another nickname, by the rules of /anime rename",
      params: guildAnimeParams,
      body: renameAnimeBody,
      answer: addAnimeAnswer,
      status: 200,
      async handle({ session, params, body }) {
        const guild = await managed(session, params.id);
        return renameAnime(services.commands, { session, guild }, params.mediaId, body.nickname);
      },
    }),
  ];
}
