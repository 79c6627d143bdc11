// What the check for lists spread over many servers reads, as aggregates so it stays light on
// 10,000 servers: for each member who added anime, on each server still using AniTrack, how many
// of its anime they added and how long the list is; and the anime with at least `minSubscribers`
// subscribers on a server, with who added them there.
import type { Kysely } from 'kysely';
import type { SpreadFacts } from '../repositories.ts';
import type { Database } from '../schema.ts';

export async function spreadFacts(db: Kysely<Database>, minSubscribers: number): Promise<SpreadFacts> {
  const active = db
    .selectFrom('tracked_anime as t')
    .innerJoin('guilds as g', 'g.id', 't.guild_id')
    .where('t.finished_at', 'is', null)
    .where('g.left_at', 'is', null);
  const [added, sizes, crowded] = await Promise.all([
    active
      .select((eb) => ['t.added_by', 't.guild_id', eb.fn.countAll<number>().as('added')])
      .where('t.added_by', 'is not', null)
      .groupBy(['t.added_by', 't.guild_id'])
      .execute(),
    active
      .select((eb) => ['t.guild_id', eb.fn.countAll<number>().as('size')])
      .groupBy('t.guild_id')
      .execute(),
    active
      .innerJoin('member_subscriptions as s', (join) => join.onRef('s.guild_id', '=', 't.guild_id').onRef('s.media_id', '=', 't.media_id'))
      .select((eb) => ['t.added_by', 't.guild_id', 't.media_id', eb.fn.countAll<number>().as('subscribers')])
      .where('t.added_by', 'is not', null)
      .groupBy(['t.added_by', 't.guild_id', 't.media_id'])
      .having((eb) => eb.fn.countAll(), '>=', minSubscribers)
      .execute(),
  ]);
  const listSize = new Map(sizes.map((row) => [row.guild_id, Number(row.size)]));
  return {
    added: added.map((row) => ({ userId: row.added_by, guildId: row.guild_id, added: Number(row.added), listSize: listSize.get(row.guild_id) ?? 0 })),
    crowded: crowded.map((row) => ({ userId: row.added_by, guildId: row.guild_id, mediaId: row.media_id, subscribers: Number(row.subscribers) })),
  };
}
