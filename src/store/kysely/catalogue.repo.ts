import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { CatalogueEntry, MediaStatus } from '../../domain/media.ts';
import type { CatalogueRepository } from '../repositories.ts';
import type { CatalogueTable, Database } from '../schema.ts';
import { chunk } from './chunk.ts';

const synonymsColumn = z.array(z.string());
const STILL_ADDABLE: readonly MediaStatus[] = ['RELEASING', 'NOT_YET_RELEASED'];

// What a refresh rewrites for an anime that only a server's list keeps in the catalogue:
// everything but what only AniList's list carries (popularity, other names).
const FROM_TRACKED = [
  'title_romaji',
  'title_english',
  'title_native',
  'format',
  'season',
  'season_year',
  'status',
  'is_adult',
  'cover_image',
  'next_episode',
  'next_airing_at',
  'refreshed_at',
] as const satisfies readonly (keyof CatalogueTable)[];
const FROM_ANILIST = [...FROM_TRACKED, 'synonyms', 'popularity'] as const satisfies readonly (keyof CatalogueTable)[];

export function createCatalogueRepository(db: Kysely<Database>): CatalogueRepository {
  return {
    async replace(fetched, tracked, now) {
      return db.transaction().execute(async (trx) => {
        const write = async (entries: readonly CatalogueEntry[], columns: readonly (keyof CatalogueTable)[]) => {
          for (const rows of chunk(
            entries.map((entry) => toRow(entry, now)),
            200,
          )) {
            await trx
              .insertInto('catalogue')
              .values(rows)
              .onConflict((oc) =>
                oc.column('media_id').doUpdateSet((eb) => Object.fromEntries(columns.map((column) => [column, eb.ref(`excluded.${column}`)]))),
              )
              .execute();
          }
        };
        await write(fetched, FROM_ANILIST);
        const fetchedIds = new Set(fetched.map((entry) => entry.mediaId));
        await write(
          tracked.filter((entry) => !fetchedIds.has(entry.mediaId)),
          FROM_TRACKED,
        );
        const removed = await trx.deleteFrom('catalogue').where('refreshed_at', '<', now).executeTakeFirst();
        const { entries } = await trx
          .selectFrom('catalogue')
          .select((eb) => eb.fn.countAll<number | string>().as('entries'))
          .executeTakeFirstOrThrow();
        return { entries: Number(entries), removed: Number(removed.numDeletedRows) };
      });
    },
    async all() {
      const rows = await db.selectFrom('catalogue').selectAll().orderBy('media_id').execute();
      return rows.map(fromRow);
    },
    async version() {
      const row = await db
        .selectFrom('catalogue')
        .select((eb) => [eb.fn.countAll<number | string>().as('entries'), eb.fn.max('refreshed_at').as('refreshed_at')])
        .executeTakeFirstOrThrow();
      return { entries: Number(row.entries), refreshedAt: row.refreshed_at === null ? null : Number(row.refreshed_at) };
    },
    async deleteMany(ids) {
      let deleted = 0;
      for (const part of chunk(ids, 500)) {
        const result = await db.deleteFrom('catalogue').where('media_id', 'in', part).executeTakeFirst();
        deleted += Number(result.numDeletedRows);
      }
      return deleted;
    },
    async deleteEnded(keep) {
      const kept = new Set(keep);
      const ended = await db
        .selectFrom('catalogue')
        .select('media_id')
        .where((eb) => eb.or([eb('status', 'is', null), eb('status', 'not in', STILL_ADDABLE)]))
        .execute();
      return this.deleteMany(ended.map((row) => row.media_id).filter((id) => !kept.has(id)));
    },
  };
}

function toRow(entry: CatalogueEntry, refreshedAt: number): CatalogueTable {
  return {
    media_id: entry.mediaId,
    title_romaji: entry.title.romaji,
    title_english: entry.title.english,
    title_native: entry.title.native,
    synonyms: JSON.stringify(entry.synonyms),
    format: entry.format,
    season: entry.season,
    season_year: entry.seasonYear,
    status: entry.status,
    is_adult: entry.isAdult ? 1 : 0,
    popularity: entry.popularity,
    cover_image: entry.coverImage,
    next_episode: entry.nextEpisode?.episode ?? null,
    next_airing_at: entry.nextEpisode?.airingAt ?? null,
    refreshed_at: refreshedAt,
  };
}

function fromRow(row: Selectable<CatalogueTable>): CatalogueEntry {
  return {
    mediaId: row.media_id,
    title: { romaji: row.title_romaji, english: row.title_english, native: row.title_native },
    synonyms: synonymsColumn.parse(JSON.parse(row.synonyms)),
    format: row.format,
    season: row.season,
    seasonYear: row.season_year,
    status: row.status as MediaStatus | null,
    isAdult: row.is_adult === 1,
    popularity: Number(row.popularity),
    coverImage: row.cover_image,
    nextEpisode: row.next_episode !== null && row.next_airing_at !== null ? { episode: row.next_episode, airingAt: Number(row.next_airing_at) } : null,
  };
}
