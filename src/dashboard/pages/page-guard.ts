// What every page route of a server checks, the same way the list's pages do (page.routes.ts):
// a session (or off to log in), a server the user may manage (404 otherwise, as the API), and,
// for a form that changes something, the session's CSRF token in the header htmx sends or in
// the form's hidden field.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DashboardSession } from '../../store/repositories.ts';
import { ApiError } from '../api/api-route.ts';
import type { DashboardServices } from '../api/dashboard-services.ts';
import { guildParams } from '../api/schemas.ts';
import type { UserGuild } from '../discord-user-api.ts';
import { csrfTokenMatches } from '../sessions.ts';
import { noticeView } from './views.ts';

export const html = (reply: FastifyReply, body: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(body);
export const isHtmx = (request: FastifyRequest) => request.headers['hx-request'] === 'true';

export interface Notice {
  text: string;
  error: boolean;
}

/** A refusal (4xx) becomes a notice on the page; anything else is the error handler's. */
export const refusalNotice = (error: unknown): Notice => {
  if (error instanceof ApiError && error.status < 500) return { text: error.message, error: true };
  throw error;
};

/** The ?notice= a plain form's redirect carries back, as the page shows it. */
export function noticeFromQuery(query: { notice?: unknown; error?: unknown }): Notice | undefined {
  return typeof query.notice === 'string' ? { text: query.notice.slice(0, 500), error: query.error === '1' } : undefined;
}

export function pageGuard(services: DashboardServices, findSession: (request: FastifyRequest) => Promise<DashboardSession | undefined>) {
  const managedGuild = async (session: DashboardSession, params: unknown): Promise<UserGuild> => {
    const parsed = guildParams.safeParse(params);
    const guild = parsed.success ? await services.access.manageable(session, parsed.data.id) : undefined;
    if (!guild) throw new ApiError(404, 'No such server, or you may not manage it.');
    return guild;
  };
  return {
    managedGuild,
    /** For a page: the session, or a redirect to log in and come back. */
    async sessionOrLogin(request: FastifyRequest, reply: FastifyReply): Promise<DashboardSession | undefined> {
      const session = await findSession(request);
      if (!session) void reply.redirect(`/auth/discord/login?next=${encodeURIComponent(request.url)}`);
      return session;
    },
    /** For a form: the session and the server, after the CSRF check; undefined when the login has ended (answered already). */
    async formActor(request: FastifyRequest<{ Body?: { csrf?: unknown } }>, reply: FastifyReply) {
      const session = await findSession(request);
      if (!session) {
        void html(reply, noticeView('Your login has ended. Reload the page to log in again.', true), 401);
        return undefined;
      }
      const token = request.headers['x-csrf-token'] ?? (typeof request.body?.csrf === 'string' ? request.body.csrf : undefined);
      if (!csrfTokenMatches(session, token)) throw new ApiError(403, 'This form is missing its CSRF token. Reload the page and try again.');
      return { session, guild: await managedGuild(session, request.params) };
    },
  };
}
