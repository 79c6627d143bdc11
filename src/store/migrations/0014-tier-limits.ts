// Lapse without loss: a server whose tier drops keeps its whole list; the anime past the new
// limit are only marked (limit_paused_at) and come back when the tier does. patreon_tier is the
// tier a Patreon supporter gives the server (null: none); a grant still wins over it. The
// followers index gains the mark so planning's read stays index-only.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('guilds').addColumn('patreon_tier', 'text').execute();
  await db.schema.alterTable('tracked_anime').addColumn('limit_paused_at', 'bigint').execute();
  await db.schema.dropIndex('tracked_anime_followers_idx').execute();
  await db.schema
    .createIndex('tracked_anime_followers_idx')
    .on('tracked_anime')
    .columns(['media_id', 'finished_at', 'paused_at', 'limit_paused_at', 'guild_id'])
    .execute();
}
