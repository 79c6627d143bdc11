// An anime's next episode (every /anime add, info and when asks it) was found through the
// primary key, which is ordered by episode, and then sorted by time in a temporary tree. An index
// in the order the question is asked answers it directly.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('airings_media_next_idx').on('airings').columns(['media_id', 'airing_at', 'episode']).execute();
}
