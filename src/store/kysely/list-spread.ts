// What the check for lists spread over many servers reads: for each member who added anime, on
// each server still using AniTrack, how many of its anime they added, how long the list is, and
// for each anime how many members subscribed. Aggregates only, so the check stays one pass.
import type { Kysely } from 'kysely';
import type { AddedOnServer } from '../repositories.ts';
import type { Database } from '../schema.ts';

export async function addedOnServers(db: Kysely<Database>): Promise<AddedOnServer[]> {
  const rows = await db
    .selectFrom('tracked_anime as t')
    .innerJoin('guilds as g', 'g.id', 't.guild_id')
    .select((eb) => [
      't.added_by',
      't.guild_id',
      't.media_id',
      eb
        .selectFrom('tracked_anime as l')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('l.guild_id', '=', 't.guild_id')
        .where('l.finished_at', 'is', null)
        .as('list_size'),
      eb
        .selectFrom('member_subscriptions as s')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('s.guild_id', '=', 't.guild_id')
        .whereRef('s.media_id', '=', 't.media_id')
        .as('subscribers'),
    ])
    .where('t.added_by', 'is not', null)
    .where('t.finished_at', 'is', null)
    .where('g.left_at', 'is', null)
    .execute();
  return rows.map((row) => ({
    userId: row.added_by,
    guildId: row.guild_id,
    mediaId: row.media_id,
    listSize: Number(row.list_size ?? 0),
    subscribers: Number(row.subscribers ?? 0),
  }));
}
