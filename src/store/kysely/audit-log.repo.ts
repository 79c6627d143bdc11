import type { Kysely, Selectable } from 'kysely';
import { auditChange, type AuditEntry, type AuditSource } from '../../domain/audit.ts';
import { groupCommit } from '../group-commit.ts';
import type { AuditLogRepository, NewAuditEntry } from '../repositories.ts';
import type { AuditLogTable, Database } from '../schema.ts';
import { compiledOnce } from './compiled-once.ts';
import { insertGuildIfMissing } from './guild-defaults.ts';

// Written after every change a member makes, so compiled once.
const insertEntry = compiledOnce(['guild_id', 'user_id', 'source', 'action', 'details', 'created_at'], (db, row) => db.insertInto('audit_log').values(row));

function toEntry(row: Selectable<AuditLogTable>): AuditEntry {
  // Written by us, but perhaps by a newer version with actions this one does not know: such an
  // entry is still shown, as a change that cannot be described, rather than failing the page.
  const parsed = auditChange.safeParse({ action: row.action, details: JSON.parse(row.details) as unknown });
  return {
    id: Number(row.id),
    guildId: row.guild_id,
    userId: row.user_id,
    source: row.source as AuditSource,
    change: parsed.success ? parsed.data : { action: 'unknown', details: { action: row.action } },
    createdAt: Number(row.created_at),
  };
}

export function createAuditLogRepository(db: Kysely<Database>): AuditLogRepository {
  // Entries of changes made at the same moment (a burst of /anime add) share a transaction.
  const record = groupCommit<NewAuditEntry>((entries) =>
    db.transaction().execute(async (trx) => {
      for (const { guildId, userId, source, change, now } of entries) {
        // The foreign key wants the server's row. The changes logged create it anyway; the log does not rely on that.
        await insertGuildIfMissing(db, guildId, now, trx);
        await insertEntry(
          db,
          { guild_id: guildId, user_id: userId, source, action: change.action, details: JSON.stringify(change.details), created_at: now },
          trx,
        );
      }
    }),
  );
  return {
    record,
    async listForGuild(guildId, { before, limit }) {
      let query = db.selectFrom('audit_log').selectAll().where('guild_id', '=', guildId);
      if (before !== undefined) {
        // Ordered by time, then id for entries of the same millisecond. The cursor is looked up
        // within this server only, so another server's ids say nothing.
        const cursor = await db
          .selectFrom('audit_log')
          .select(['created_at', 'id'])
          .where('guild_id', '=', guildId)
          .where('id', '=', before)
          .executeTakeFirst();
        // An entry gone to retention took everything older with it.
        if (!cursor) return [];
        const at = Number(cursor.created_at);
        query = query.where((eb) => eb.or([eb('created_at', '<', at), eb.and([eb('created_at', '=', at), eb('id', '<', before)])]));
      }
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toEntry);
    },
    async byMember(userId) {
      const rows = await db.selectFrom('audit_log').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
      return rows.map(toEntry);
    },
    async forgetMember(userId, guildId) {
      let query = db.updateTable('audit_log').set({ user_id: null }).where('user_id', '=', userId);
      if (guildId !== undefined) query = query.where('guild_id', '=', guildId);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async deleteOlderThan(before) {
      const result = await db.deleteFrom('audit_log').where('created_at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
