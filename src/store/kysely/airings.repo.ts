import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Airing } from '../../domain/media.ts';
import type { AiringsRepository } from '../repositories.ts';
import type { AiringsTable, Database } from '../schema.ts';
import { chunk } from './chunk.ts';
import { compiledOnce } from './compiled-once.ts';

// An episode already stored as it is (same time, same AniList entry, not cancelled) is left
// alone: the sync and every add store episodes they mostly already have, and a write that
// changes nothing still costs a write. updated_at is then the time of the last change.
const EPISODE_CHANGED = sql<boolean>`"airings"."anilist_id" <> "excluded"."anilist_id" or "airings"."airing_at" <> "excluded"."airing_at" or "airings"."cancelled_at" is not null`;

const upsert = (db: Kysely<Database>, rows: Insertable<AiringsTable>[]) =>
  db
    .insertInto('airings')
    .values(rows)
    .onConflict((oc) =>
      oc
        .columns(['media_id', 'episode'])
        .doUpdateSet((eb) => ({
          anilist_id: eb.ref('excluded.anilist_id'),
          airing_at: eb.ref('excluded.airing_at'),
          cancelled_at: null,
          updated_at: eb.ref('excluded.updated_at'),
        }))
        .where(EPISODE_CHANGED),
    );
// One episode at a time is the common case (every /anime add stores the next one).
const upsertOne = compiledOnce(['media_id', 'episode', 'anilist_id', 'airing_at', 'updated_at'], (db, row) => upsert(db, [{ ...row, cancelled_at: null }]));

// Read by every /anime add of an anime already known.
const selectNext = compiledOnce(['media_id', 'after'], (db, values) =>
  db
    .selectFrom('airings')
    .selectAll()
    .where('media_id', '=', values.media_id)
    .where('airing_at', '>', values.after)
    .where('cancelled_at', 'is', null)
    .orderBy('airing_at')
    .orderBy('episode')
    .limit(1),
);

export function createAiringsRepository(db: Kysely<Database>): AiringsRepository {
  return {
    async upsertMany(airings, now) {
      const rows = airings.map((airing) => ({
        media_id: airing.mediaId,
        episode: airing.episode,
        anilist_id: airing.anilistId,
        airing_at: airing.airingAt,
        cancelled_at: null,
        updated_at: now,
      }));
      for (const part of chunk(rows, 200)) {
        if (part.length === 1) await upsertOne(db, part[0]!);
        else await upsert(db, part).execute();
      }
    },
    async get(mediaId, episode) {
      const row = await db.selectFrom('airings').selectAll().where('media_id', '=', mediaId).where('episode', '=', episode).executeTakeFirst();
      return row && toAiring(row);
    },
    async listBetween(from, to, mediaIds) {
      if (mediaIds?.length === 0) return [];
      let query = db
        .selectFrom('airings')
        .selectAll()
        .where('airing_at', '>', from)
        .where('airing_at', '<=', to)
        .where('cancelled_at', 'is', null)
        .orderBy('airing_at')
        .orderBy('media_id')
        .orderBy('episode');
      if (mediaIds) query = query.where('media_id', 'in', mediaIds);
      return (await query.execute()).map(toAiring);
    },
    async nextForMedia(mediaId, after) {
      const [row] = (await selectNext(db, { media_id: mediaId, after })).rows;
      return row && toAiring(row);
    },
    async markCancelled(keys, now) {
      for (const part of chunk(keys, 200)) {
        await db
          .updateTable('airings')
          .set({ cancelled_at: now, updated_at: now })
          .where('cancelled_at', 'is', null)
          .where((eb) => eb.or(part.map((key) => eb.and([eb('media_id', '=', key.mediaId), eb('episode', '=', key.episode)]))))
          .execute();
      }
    },
  };
}

function toAiring(row: Selectable<AiringsTable>): Airing {
  return { mediaId: row.media_id, episode: row.episode, anilistId: row.anilist_id, airingAt: row.airing_at, cancelledAt: row.cancelled_at };
}
