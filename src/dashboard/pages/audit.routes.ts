// GET /servers/:id/audit: the server's audit log, a page at a time.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { auditLogQuery } from '../api/audit.schemas.ts';
import type { DashboardServices } from '../api/dashboard-services.ts';
import { readAuditLog } from '../audit-view.ts';
import { auditView } from './audit.view.ts';
import { layout, PAGE_POLICY } from './layout.ts';
import { html, managedGuild, sessionOrLogin, type FindSession } from './page-access.ts';

export async function auditPageRoutes(app: FastifyInstance, options: { services: DashboardServices; findSession: FindSession }): Promise<void> {
  const { services } = options;
  app.get('/servers/:id/audit', { helmet: PAGE_POLICY }, async (request: FastifyRequest<{ Querystring: { before?: string } }>, reply) => {
    const session = await sessionOrLogin(options.findSession, request, reply);
    if (!session) return reply;
    const guild = await managedGuild(services, session, request.params);
    // A cursor that is not a number starts at the newest entries.
    const page = auditLogQuery.safeParse({ before: request.query.before });
    const log = await readAuditLog(services.commands.repositories, guild.id, page.success ? page.data : auditLogQuery.parse({}));
    return html(reply, layout(`Audit log · ${guild.name}`, auditView(guild, log, session.userId), session));
  });
}
