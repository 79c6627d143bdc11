// Premium through Patreon. The campaign's members as Patreon last described them (a rescan is
// the truth, signed webhooks bring changes in between); the links members made from the dashboard
// when their Patreon account names no Discord account (their Patreon tokens sealed); the one server
// each supporter chose; the webhooks already applied (by a hash of their bytes, so a retry or a
// replay changes nothing); and the notices owed to a server's admins when its premium changes.
import type { Kysely } from 'kysely';
import type { StoreDialect } from '../database.ts';

export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('patreon_members')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('patreon_user_id', 'text', (col) => col.notNull())
    .addColumn('discord_user_id', 'text')
    .addColumn('patron_status', 'text')
    .addColumn('last_charge_status', 'text')
    .addColumn('last_charge_at', 'bigint')
    .addColumn('entitled_cents', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('tier_ids', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('declined_since', 'bigint')
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('patreon_members_user_idx').on('patreon_members').column('patreon_user_id').execute();
  await db.schema.createIndex('patreon_members_discord_idx').on('patreon_members').column('discord_user_id').execute();

  await db.schema
    .createTable('patreon_links')
    .addColumn('discord_user_id', 'text', (col) => col.primaryKey())
    .addColumn('patreon_user_id', 'text', (col) => col.notNull().unique())
    .addColumn('access_token', 'text', (col) => col.notNull())
    .addColumn('refresh_token', 'text', (col) => col.notNull())
    .addColumn('token_expires_at', 'bigint', (col) => col.notNull())
    .addColumn('linked_at', 'bigint', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('premium_assignments')
    .addColumn('discord_user_id', 'text', (col) => col.primaryKey())
    .addColumn('guild_id', 'text', (col) => col.notNull())
    .addColumn('assigned_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('premium_assignments_guild_idx').on('premium_assignments').column('guild_id').execute();

  await db.schema
    .createTable('patreon_webhook_events')
    .addColumn('body_hash', 'text', (col) => col.primaryKey())
    .addColumn('trigger', 'text', (col) => col.notNull())
    .addColumn('received_at', 'bigint', (col) => col.notNull())
    .execute();

  // A server's premium as the admins were last told of it, so each change is told once.
  await db.schema.alterTable('guilds').addColumn('patreon_grace_until', 'bigint').execute();
  await db.schema
    .createTable('premium_notices')
    .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (col) => (dialect === 'postgres' ? col.primaryKey() : col.primaryKey().autoIncrement()))
    .addColumn('guild_id', 'text', (col) => col.notNull().references('guilds.id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('sent_at', 'bigint')
    .execute();
  await db.schema.createIndex('premium_notices_guild_idx').on('premium_notices').columns(['guild_id', 'created_at']).execute();
}
