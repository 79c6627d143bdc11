// GET /api/v1/guilds/:id/audit-log: who changed the server's configuration, when, from where and what.
import { readAuditLog } from '../audit-view.ts';
import { defineRoute, NOT_FOUND } from './api-route.ts';
import { auditLogAnswer, auditLogQuery } from './audit.schemas.ts';
import type { DashboardServices } from './dashboard-services.ts';
import { guildParams } from './schemas.ts';

export function auditRoutes(services: DashboardServices) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/guilds/:id/audit-log',
      summary: "The server's audit log of configuration changes, newest first, a page at a time",
      params: guildParams,
      query: auditLogQuery,
      answer: auditLogAnswer,
      status: 200,
      async handle({ session, params, query }) {
        const guild = await services.access.manageable(session, params.id);
        if (!guild) throw NOT_FOUND();
        return readAuditLog(services.commands.repositories, guild.id, query);
      },
    }),
  ];
}
