// A server's audit log is written where a subcommand succeeded, by whoever ran it: the
// dispatcher for Discord, the dashboard for its pages and API. The handler says in its reply
// what it changed, since only it knows the anime it resolved, the values it replaced and
// whether anything changed at all; a refusal or a failure has no reply, so nothing is logged.
import type { AuditSource } from '../domain/audit.ts';
import type { CommandServices } from './command.ts';
import type { Reply } from './reply.ts';

export async function recordChange(services: CommandServices, who: { guildId: string; userId: string }, reply: Reply, source: AuditSource): Promise<void> {
  if (!reply.audit) return;
  try {
    await services.repositories.auditLog.record({ guildId: who.guildId, userId: who.userId, source, change: reply.audit, now: services.now() });
  } catch (error) {
    // The change is made and the member is told so; a missing log line must not turn it into a failure.
    services.logger.warn({ err: error, guildId: who.guildId, action: reply.audit.action }, 'Could not record a change in the audit log');
  }
}
