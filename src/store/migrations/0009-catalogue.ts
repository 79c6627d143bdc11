// The catalogue: every anime a member could add (airing or announced on AniList, plus anything a
// server tracks), kept locally so suggestions never wait for AniList. Only public AniList data;
// see catalogue/ for how it is filled and searched.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('catalogue')
    .addColumn('media_id', 'integer', (col) => col.primaryKey())
    .addColumn('title_romaji', 'text')
    .addColumn('title_english', 'text')
    .addColumn('title_native', 'text')
    .addColumn('synonyms', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('format', 'text')
    .addColumn('season', 'text')
    .addColumn('season_year', 'integer')
    .addColumn('status', 'text')
    .addColumn('is_adult', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('popularity', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('cover_image', 'text')
    .addColumn('next_episode', 'integer')
    .addColumn('next_airing_at', 'bigint')
    .addColumn('refreshed_at', 'bigint', (col) => col.notNull())
    .execute();
}
