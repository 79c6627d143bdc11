// The bot's core tables. Written once for both databases; the only difference is how an
// auto-incrementing key is spelled.
import type { Kysely } from 'kysely';
import type { StoreDialect } from '../database.ts';

export async function up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('guilds')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('notify_channel_id', 'text')
    .addColumn('webhook_id', 'text')
    .addColumn('webhook_token', 'text')
    .addColumn('title_language', 'text', (col) => col.notNull().defaultTo('romaji'))
    .addColumn('reminder_offset_minutes', 'integer')
    .addColumn('post_air_delay_minutes', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('channel_broken_at', 'bigint')
    .addColumn('premium_tier', 'text', (col) => col.notNull().defaultTo('free'))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('tracked_anime')
    .addColumn('guild_id', 'text', (col) => col.notNull().references('guilds.id').onDelete('cascade'))
    .addColumn('media_id', 'integer', (col) => col.notNull())
    .addColumn('nickname', 'text', (col) => col.notNull())
    .addColumn('nickname_key', 'text', (col) => col.notNull())
    .addColumn('added_by', 'text', (col) => col.notNull())
    .addColumn('added_at', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('tracked_anime_pk', ['guild_id', 'media_id'])
    .addUniqueConstraint('tracked_anime_nickname_unique', ['guild_id', 'nickname_key'])
    .execute();
  // Sync asks "which anime does anyone track", analytics "how many servers track each".
  await db.schema.createIndex('tracked_anime_media_idx').on('tracked_anime').column('media_id').execute();

  await db.schema
    .createTable('member_subscriptions')
    .addColumn('guild_id', 'text', (col) => col.notNull())
    .addColumn('media_id', 'integer', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('member_subscriptions_pk', ['guild_id', 'media_id', 'user_id'])
    // Removing an anime from a server's list ends its subscriptions with it.
    .addForeignKeyConstraint('member_subscriptions_tracked_fk', ['guild_id', 'media_id'], 'tracked_anime', ['guild_id', 'media_id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();
  // "/anime list subscribed" and "delete my data" look members up by user.
  await db.schema.createIndex('member_subscriptions_user_idx').on('member_subscriptions').columns(['user_id', 'guild_id']).execute();

  await db.schema
    .createTable('command_locks')
    .addColumn('guild_id', 'text', (col) => col.notNull().references('guilds.id').onDelete('cascade'))
    .addColumn('command', 'text', (col) => col.notNull())
    .addColumn('role_id', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('command_locks_pk', ['guild_id', 'command', 'role_id'])
    .execute();

  await db.schema
    .createTable('media')
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('id_mal', 'integer')
    .addColumn('title_romaji', 'text')
    .addColumn('title_english', 'text')
    .addColumn('title_native', 'text')
    .addColumn('format', 'text')
    .addColumn('status', 'text')
    .addColumn('episodes', 'integer')
    .addColumn('duration', 'integer')
    .addColumn('season', 'text')
    .addColumn('season_year', 'integer')
    .addColumn('description', 'text')
    .addColumn('cover_image', 'text')
    .addColumn('cover_color', 'text')
    .addColumn('banner_image', 'text')
    .addColumn('site_url', 'text')
    .addColumn('is_adult', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('genres', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('streaming_links', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('fetched_at', 'bigint', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('airings')
    .addColumn('media_id', 'integer', (col) => col.notNull().references('media.id').onDelete('cascade'))
    .addColumn('episode', 'integer', (col) => col.notNull())
    .addColumn('anilist_id', 'integer', (col) => col.notNull())
    .addColumn('airing_at', 'bigint', (col) => col.notNull())
    .addColumn('cancelled_at', 'bigint')
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    // An episode is identified by its anime and number, not by AniList's row id, so a
    // re-created schedule entry can never produce a second notification for one episode.
    .addPrimaryKeyConstraint('airings_pk', ['media_id', 'episode'])
    .execute();
  await db.schema.createIndex('airings_airing_at_idx').on('airings').column('airing_at').execute();

  await db.schema
    .createTable('deliveries')
    .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (col) => (dialect === 'postgres' ? col.primaryKey() : col.primaryKey().autoIncrement()))
    .addColumn('guild_id', 'text', (col) => col.notNull().references('guilds.id').onDelete('cascade'))
    .addColumn('media_id', 'integer', (col) => col.notNull())
    .addColumn('episode', 'integer', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('due_at', 'bigint', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('message_id', 'text')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .addColumn('sent_at', 'bigint')
    // Planning the same airing twice must never create a second message.
    .addUniqueConstraint('deliveries_once', ['guild_id', 'media_id', 'episode', 'kind'])
    .execute();
  // The worker's claim: the earliest due rows of a status.
  await db.schema.createIndex('deliveries_due_idx').on('deliveries').columns(['status', 'due_at']).execute();
}
