// What the audit log and My data pages share with the other pages: a page needs a session
// (without one the browser is sent to log in and brought back), a form that changes something
// carries the session's CSRF token, and a server is shown only to those who may manage it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DashboardSession } from '../../store/repositories.ts';
import { ApiError } from '../api/api-route.ts';
import type { DashboardServices } from '../api/dashboard-services.ts';
import { guildParams } from '../api/schemas.ts';
import type { UserGuild } from '../discord-user-api.ts';
import { csrfTokenMatches } from '../sessions.ts';

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
