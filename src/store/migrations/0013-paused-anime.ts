// A server may pause an anime: it stays on the list (and counts towards the limit) but nothing is
// planned or sent for it until it is resumed. The followers index that planning reads from alone
// (0010) gains the column, so a fan-out still never fetches a table row.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tracked_anime').addColumn('paused_at', 'bigint').execute();
  await db.schema.dropIndex('tracked_anime_followers_idx').execute();
  await db.schema.createIndex('tracked_anime_followers_idx').on('tracked_anime').columns(['media_id', 'finished_at', 'paused_at', 'guild_id']).execute();
}
