// When an anime has fully aired its AniList data is deleted (privacy promise P4), but the
// servers that tracked it should still be told. The tracked row keeps only what the server
// gave us (the nickname) and when it finished, until the server has seen the notice.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tracked_anime').addColumn('finished_at', 'bigint').execute();
}
