// The dashboard's pages: my servers, and one server with its list, search and settings. With
// JavaScript, htmx swaps in fragments; without it, the same forms post and redirect back, so the
// essentials work either way. Who may see a server is checked on every request, as in the API.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DashboardSession } from '../../store/repositories.ts';
import type { AnalyticsConsent } from '../../web/analytics-consent.ts';
import { ApiError } from '../api/api-route.ts';
import type { DashboardServices } from '../api/dashboard-services.ts';
import type { UserGuild } from '../discord-user-api.ts';
import { addAnime, removeAnime, renameAnime } from '../guild-actions.ts';
import { readGuildView } from '../guild-view.ts';
import { layout, PAGE_POLICY } from './layout.ts';
import { readServerPremium } from '../../commands/anime/server-premium.ts';
import { serverPremiumView } from './server-premium.view.ts';
import { html, isHtmx, pageAccess } from './page-access.ts';
import { animeListView, noticeView, searchResultsView, serversView, serverView } from './views.ts';

export interface PageOptions {
  services: DashboardServices;
  findSession(request: FastifyRequest): Promise<DashboardSession | undefined>;
  /** The bot's install link for a server. */
  inviteUrl(guildId: string): string;
  analytics: AnalyticsConsent;
  /** Fastify route config of every page (its rate limit). */
  config: Record<string, unknown>;
}

const SEARCH_RESULTS = 8;

export async function pageRoutes(app: FastifyInstance, options: PageOptions): Promise<void> {
  const { services } = options;
  const { repositories } = services.commands;

  const { sessionOrLogin, managedGuild, checkCsrf } = pageAccess(options);

  app.get('/servers', { helmet: PAGE_POLICY, config: options.config }, async (request, reply) => {
    const session = await sessionOrLogin(request, reply);
    if (!session) return reply;
    const all = await services.access.guildsOf(session);
    const mayManage = await Promise.all(all.map((guild) => services.access.mayManage(session, guild)));
    const guilds = all.filter((_guild, index) => mayManage[index]);
    const present = await services.botPresence.of(guilds.map((guild) => guild.id));
    const cards = guilds.map((guild) => ({ id: guild.id, name: guild.name, botPresent: present.has(guild.id), inviteUrl: options.inviteUrl(guild.id) }));
    return html(reply, layout('My servers', serversView(cards), session, options.analytics.pageHtml(request)));
  });

  app.get(
    '/servers/:id',
    { helmet: PAGE_POLICY, config: options.config },
    async (request: FastifyRequest<{ Querystring: { notice?: string; error?: string } }>, reply) => {
      const session = await sessionOrLogin(request, reply);
      if (!session) return reply;
      const guild = await managedGuild(session, request.params);
      const view = await readGuildView(repositories, services.commands.tiers, guild, services.commands.now());
      const { notice, error } = request.query;
      const shown = typeof notice === 'string' ? { text: notice.slice(0, 500), error: error === '1' } : undefined;
      const premium = serverPremiumView(await readServerPremium(repositories, services.commands.tiers, guild.id));
      return html(reply, layout(guild.name, serverView(view, session.csrfToken, shown, premium), session, options.analytics.pageHtml(request)));
    },
  );

  app.get('/servers/:id/search', { config: options.config }, async (request: FastifyRequest<{ Querystring: { q?: string } }>, reply) => {
    const session = await options.findSession(request);
    if (!session) return html(reply, noticeView('Your login has ended. Reload the page to log in again.', true), 401);
    const guild = await managedGuild(session, request.params);
    const query = typeof request.query.q === 'string' ? request.query.q.slice(0, 100) : '';
    const found = query.trim().length >= 2 ? services.commands.catalogue.search(query, SEARCH_RESULTS) : [];
    return html(reply, searchResultsView(guild.id, found, session.csrfToken, query));
  });

  // Answers a change: htmx gets the new list and the notice (out of band); a plain form is sent back to the page.
  const afterChange = async (
    request: FastifyRequest,
    reply: FastifyReply,
    session: DashboardSession,
    guild: UserGuild,
    notice: { text: string; error: boolean },
  ) => {
    if (!isHtmx(request)) {
      const query = new URLSearchParams({ notice: notice.text, ...(notice.error && { error: '1' }) });
      return reply.redirect(`/servers/${guild.id}?${query.toString()}`, 303);
    }
    const view = await readGuildView(repositories, services.commands.tiers, guild, services.commands.now());
    return html(reply, `${animeListView(view, session.csrfToken)}<div id="notice" hx-swap-oob="true">${noticeView(notice.text, notice.error)}</div>`);
  };
  const refusal = (error: unknown) => {
    if (error instanceof ApiError && error.status < 500) return { text: error.message, error: true };
    throw error;
  };

  app.post('/servers/:id/anime', { config: options.config }, async (request: FastifyRequest<{ Body?: { csrf?: string; mediaId?: string } }>, reply) => {
    const session = await options.findSession(request);
    if (!session) return html(reply, noticeView('Your login has ended. Reload the page to log in again.', true), 401);
    checkCsrf(request, session);
    const guild = await managedGuild(session, request.params);
    const mediaId = Number(request.body?.mediaId);
    if (!Number.isInteger(mediaId) || mediaId <= 0) throw new ApiError(400, 'Pick an anime from the search results.');
    const notice = await addAnime(services.commands, { session, guild }, { mediaId }).then((added) => ({ text: added.message, error: false }), refusal);
    return afterChange(request, reply, session, guild, notice);
  });

  app.post(
    '/servers/:id/anime/:mediaId/remove',
    { config: options.config },
    async (request: FastifyRequest<{ Params: { id: string; mediaId: string }; Body?: { csrf?: string } }>, reply) => {
      const session = await options.findSession(request);
      if (!session) return html(reply, noticeView('Your login has ended. Reload the page to log in again.', true), 401);
      checkCsrf(request, session);
      const guild = await managedGuild(session, request.params);
      const notice = await removeAnime(services.commands, { session, guild }, Number(request.params.mediaId)).then((text) => ({ text, error: false }), refusal);
      return afterChange(request, reply, session, guild, notice);
    },
  );

  app.post(
    '/servers/:id/anime/:mediaId/rename',
    { config: options.config },
    async (request: FastifyRequest<{ Params: { id: string; mediaId: string }; Body?: { csrf?: string; nickname?: string } }>, reply) => {
      const session = await options.findSession(request);
      if (!session) return html(reply, noticeView('Your login has ended. Reload the page to log in again.', true), 401);
      checkCsrf(request, session);
      const guild = await managedGuild(session, request.params);
      const nickname = typeof request.body?.nickname === 'string' ? request.body.nickname.trim() : '';
      if (nickname.length === 0 || nickname.length > 100) throw new ApiError(400, 'A nickname is 1 to 100 characters.');
      const notice = await renameAnime(services.commands, { session, guild }, Number(request.params.mediaId), nickname).then(
        (renamed) => ({ text: renamed.message, error: false }),
        refusal,
      );
      return afterChange(request, reply, session, guild, notice);
    },
  );
}
