// The audit log: who changed a server's configuration, when, from where (Discord or the
// dashboard) and what. Entries go with their server (the foreign key), lose their author when
// that member deletes their data (user_id becomes null), and are deleted after AUDIT_LOG_DAYS.
import type { Kysely } from 'kysely';
import type { StoreDialect } from '../database.ts';

export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (col) => (dialect === 'postgres' ? col.primaryKey() : col.primaryKey().autoIncrement()))
    .addColumn('guild_id', 'text', (col) => col.notNull().references('guilds.id').onDelete('cascade'))
    .addColumn('user_id', 'text')
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('details', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .execute();
  // A server's log is read newest first, a page at a time.
  await db.schema.createIndex('audit_log_guild_created_idx').on('audit_log').columns(['guild_id', 'created_at']).execute();
  // A member's entries are found for their export and when they delete their data.
  await db.schema.createIndex('audit_log_user_idx').on('audit_log').column('user_id').execute();
}
