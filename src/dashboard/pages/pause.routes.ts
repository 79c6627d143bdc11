// POST /servers/:id/anime/:mediaId/pause and /resume from the list's buttons: htmx gets the new
// list and the notice (out of band), a plain form is sent back to the server's page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../api/api-route.ts';
import { guildAnimeParams } from '../api/schemas.ts';
import { readGuildView } from '../guild-view.ts';
import { setAnimePaused } from '../pause-anime.ts';
import type { PageOptions } from './page.routes.ts';
import { html, isHtmx, pageAccess } from './page-access.ts';
import { animeListView, noticeView } from './views.ts';

export async function pausePageRoutes(app: FastifyInstance, options: PageOptions): Promise<void> {
  const { services } = options;
  const access = pageAccess(options);

  const change = (paused: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    const session = await access.sessionOrNotice(request, reply);
    if (!session) return reply;
    access.checkCsrf(request, session);
    const guild = await access.managedGuild(session, request.params);
    const params = guildAnimeParams.safeParse(request.params);
    if (!params.success) throw new ApiError(400, 'That is not an anime on the list.');
    const notice = await setAnimePaused(services.commands, guild.id, params.data.mediaId, paused).then(
      (done) => ({ text: done.message, error: false }),
      (error: unknown) => {
        if (error instanceof ApiError && error.status < 500) return { text: error.message, error: true };
        throw error;
      },
    );
    if (!isHtmx(request)) {
      const query = new URLSearchParams({ notice: notice.text, ...(notice.error && { error: '1' }) });
      return reply.redirect(`/servers/${guild.id}?${query.toString()}`, 303);
    }
    const view = await readGuildView(services.commands.repositories, services.commands.tiers, guild, services.commands.now());
    return html(reply, `${animeListView(view, session.csrfToken)}<div id="notice" hx-swap-oob="true">${noticeView(notice.text, notice.error)}</div>`);
  };

  app.post('/servers/:id/anime/:mediaId/pause', change(true));
  app.post('/servers/:id/anime/:mediaId/resume', change(false));
}
