// What the page routes check: a session (or off to log in, and back), a server the user may
// manage (404 otherwise, like one that does not exist), and the CSRF token of a change (from
// htmx's header or a plain form's hidden field). Two shapes of the same checks: free functions
// (the audit log and My data pages) and pageAccess(options) (the delivery pages).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DashboardSession } from '../../store/repositories.ts';
import { ApiError } from '../api/api-route.ts';
import type { DashboardServices } from '../api/dashboard-services.ts';
import { guildParams } from '../api/schemas.ts';
import type { UserGuild } from '../discord-user-api.ts';
import { csrfTokenMatches } from '../sessions.ts';
import type { PageOptions } from './page.routes.ts';
import { noticeView } from './views.ts';
export type FindSession = (request: FastifyRequest) => Promise<DashboardSession | undefined>;

export const html = (reply: FastifyReply, body: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(body);

/** The session, or undefined after redirecting the browser to log in (the caller then returns `reply`). */
export async function sessionOrLogin(findSession: FindSession, request: FastifyRequest, reply: FastifyReply): Promise<DashboardSession | undefined> {
  const session = await findSession(request);
  if (!session) void reply.redirect(`/auth/discord/login?next=${encodeURIComponent(request.url)}`);
  return session;
}

/** @throws ApiError 403 when the form (or htmx's header) lacks the session's CSRF token */
export function checkFormCsrf(request: FastifyRequest<{ Body?: { csrf?: string } }>, session: DashboardSession): void {
  if (!csrfTokenMatches(session, request.headers['x-csrf-token'] ?? request.body?.csrf)) {
    throw new ApiError(403, 'This form is missing its CSRF token. Reload the page and try again.');
  }
}

/** @throws ApiError 404, the same for a server that does not exist and one the user may not manage */
export async function managedGuild(services: DashboardServices, session: DashboardSession, params: unknown): Promise<UserGuild> {
  const parsed = guildParams.safeParse(params);
  const guild = parsed.success ? await services.access.manageable(session, parsed.data.id) : undefined;
  if (!guild) throw new ApiError(404, 'No such server, or you may not manage it.');
  return guild;
}

export const isHtmx = (request: FastifyRequest) => request.headers['hx-request'] === 'true';

export function pageAccess(options: PageOptions) {
  return {
    /** A page without a session sends the browser to log in, and back here afterwards. */
    async sessionOrLogin(request: FastifyRequest, reply: FastifyReply): Promise<DashboardSession | undefined> {
      const session = await options.findSession(request);
      if (!session) void reply.redirect(`/auth/discord/login?next=${encodeURIComponent(request.url)}`);
      return session;
    },
    /** A change without a session answers 401 with a notice (htmx shows no redirect). */
    async sessionOrNotice(request: FastifyRequest, reply: FastifyReply): Promise<DashboardSession | undefined> {
      const session = await options.findSession(request);
      if (!session) void html(reply, noticeView('Your login has ended. Reload the page to log in again.', true), 401);
      return session;
    },
    async managedGuild(session: DashboardSession, params: unknown): Promise<UserGuild> {
      const parsed = guildParams.safeParse(params);
      const guild = parsed.success ? await options.services.access.manageable(session, parsed.data.id) : undefined;
      if (!guild) throw new ApiError(404, 'No such server, or you may not manage it.');
      return guild;
    },
    checkCsrf(request: FastifyRequest, session: DashboardSession): void {
      const body = request.body as { csrf?: unknown } | undefined;
      if (!csrfTokenMatches(session, request.headers['x-csrf-token'] ?? (typeof body?.csrf === 'string' ? body.csrf : undefined))) {
        throw new ApiError(403, 'This form is missing its CSRF token. Reload the page and try again.');
      }
    },
  };
}
