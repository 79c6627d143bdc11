import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import { z } from 'zod';
import type { Media, MediaStatus } from '../../domain/media.ts';
import type { MediaRepository } from '../repositories.ts';
import type { Database, MediaTable } from '../schema.ts';
import { chunk } from './chunk.ts';
import { compiledOnce } from './compiled-once.ts';

const genresColumn = z.array(z.string());
const streamingLinksColumn = z.array(z.object({ site: z.string(), url: z.string() }));

const UPDATABLE = [
  'id_mal',
  'title_romaji',
  'title_english',
  'title_native',
  'format',
  'status',
  'episodes',
  'duration',
  'season',
  'season_year',
  'description',
  'cover_image',
  'cover_color',
  'banner_image',
  'site_url',
  'is_adult',
  'genres',
  'streaming_links',
  'fetched_at',
] as const satisfies readonly (keyof MediaTable)[];

// An upsert rewrites a row only where a column differs: storing details the database already
// holds (an add of an anime whose cached copy was just read) then writes nothing, which is most
// of the cost of a small write. The row ends the same either way. Built once: the column names
// are our own constants.
const ANY_COLUMN_CHANGED = sql<boolean>`${sql.raw(UPDATABLE.map((column) => `"media"."${column}" is distinct from "excluded"."${column}"`).join(' or '))}`;

const COLUMNS = ['id', ...UPDATABLE] as const;
// Every column is written: a column added to the table and not here would be left out silently.
const everyColumn: Exclude<keyof MediaTable, (typeof COLUMNS)[number]> extends never ? true : never = true;
void everyColumn;

const upsert = (db: Kysely<Database>, rows: Insertable<MediaTable>[]) =>
  db
    .insertInto('media')
    .values(rows)
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet((eb) => Object.fromEntries(UPDATABLE.map((column) => [column, eb.ref(`excluded.${column}`)])))
        .where(ANY_COLUMN_CHANGED),
    );
// One anime at a time is the common case (every /anime add stores one, after reading it).
const upsertOne = compiledOnce(COLUMNS, (db, row) => upsert(db, [row]));
const selectOne = compiledOnce(['id'], (db, values) => db.selectFrom('media').selectAll().where('id', '=', values.id));

export function createMediaRepository(db: Kysely<Database>): MediaRepository {
  return {
    async upsertMany(media) {
      for (const rows of chunk(media.map(toRow), 100)) {
        if (rows.length === 1) await upsertOne(db, rows[0]!);
        else await upsert(db, rows).execute();
      }
    },
    async get(id) {
      const [row] = (await selectOne(db, { id })).rows;
      return row && fromRow(row);
    },
    async getMany(ids) {
      if (ids.length === 0) return [];
      const rows = [];
      for (const part of chunk(ids, 500)) rows.push(...(await db.selectFrom('media').selectAll().where('id', 'in', part).execute()));
      return rows.map(fromRow);
    },
    async staleIds(before) {
      const rows = await db.selectFrom('media').select('id').where('fetched_at', '<', before).orderBy('id').execute();
      return rows.map((row) => row.id);
    },
    async listIds(filter = {}) {
      let query = db.selectFrom('media').select('id').orderBy('id');
      if (filter.statuses) {
        if (filter.statuses.length === 0) return [];
        query = query.where('status', 'in', filter.statuses);
      }
      return (await query.execute()).map((row) => row.id);
    },
    async deleteMany(ids) {
      let deleted = 0;
      for (const part of chunk(ids, 500)) {
        const result = await db.deleteFrom('media').where('id', 'in', part).executeTakeFirst();
        deleted += Number(result.numDeletedRows);
      }
      return deleted;
    },
  };
}

function toRow(media: Media): Required<Insertable<MediaTable>> {
  return {
    id: media.id,
    id_mal: media.idMal,
    title_romaji: media.title.romaji,
    title_english: media.title.english,
    title_native: media.title.native,
    format: media.format,
    status: media.status,
    episodes: media.episodes,
    duration: media.duration,
    season: media.season,
    season_year: media.seasonYear,
    description: media.description,
    cover_image: media.coverImage,
    cover_color: media.coverColor,
    banner_image: media.bannerImage,
    site_url: media.siteUrl,
    is_adult: media.isAdult ? 1 : 0,
    genres: JSON.stringify(media.genres),
    streaming_links: JSON.stringify(media.streamingLinks),
    fetched_at: media.fetchedAt,
  };
}

function fromRow(row: Selectable<MediaTable>): Media {
  return {
    id: row.id,
    idMal: row.id_mal,
    title: { romaji: row.title_romaji, english: row.title_english, native: row.title_native },
    format: row.format,
    status: row.status as MediaStatus | null,
    episodes: row.episodes,
    duration: row.duration,
    season: row.season,
    seasonYear: row.season_year,
    description: row.description,
    coverImage: row.cover_image,
    coverColor: row.cover_color,
    bannerImage: row.banner_image,
    siteUrl: row.site_url,
    isAdult: row.is_adult === 1,
    genres: genresColumn.parse(JSON.parse(row.genres)),
    streamingLinks: streamingLinksColumn.parse(JSON.parse(row.streaming_links)),
    fetchedAt: row.fetched_at,
  };
}
