// A page of a server's audit log, newest first, for the API and the page alike.
import type { Repositories } from '../store/repositories.ts';
import type { AuditLogAnswer, AuditLogQuery } from './api/audit.schemas.ts';
import { describeChange } from './audit-words.ts';

export async function readAuditLog(repositories: Repositories, guildId: string, page: AuditLogQuery): Promise<AuditLogAnswer> {
  // One more than asked tells whether an older page exists.
  const found = await repositories.auditLog.listForGuild(guildId, { before: page.before, limit: page.limit + 1 });
  const entries = found.slice(0, page.limit);
  return {
    entries: entries.map((entry) => ({
      id: entry.id,
      at: new Date(entry.createdAt).toISOString(),
      userId: entry.userId,
      source: entry.source,
      summary: describeChange(entry.change),
      ...entry.change,
    })),
    next: found.length > page.limit ? entries.at(-1)!.id : null,
  };
}
