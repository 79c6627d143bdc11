// Indexes that let planning read a fan-out from the index alone. Planning reads every pending
// delivery grouped by episode, kind and due time, and every server following the anime in the
// window; with 100,000 deliveries, fetching each table row behind an index entry was most of a
// re-plan's time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('deliveries_planning_idx').on('deliveries').columns(['status', 'media_id', 'episode', 'kind', 'due_at', 'guild_id']).execute();
  // Covers what tracked_anime_media_idx answered (it starts with media_id), so it replaces it.
  await db.schema.createIndex('tracked_anime_followers_idx').on('tracked_anime').columns(['media_id', 'finished_at', 'guild_id']).execute();
  await db.schema.dropIndex('tracked_anime_media_idx').execute();
}
