import { sql, type Kysely } from 'kysely';
import type { StoreDialect } from '../database.ts';
import { NotTrackedError, SubscribersFullError } from '../errors.ts';
import type { SubscriptionsRepository } from '../repositories.ts';
import { chunk } from './chunk.ts';
import type { Database } from '../schema.ts';
import { withGuildLock } from './guild-lock.ts';

export function createSubscriptionsRepository(db: Kysely<Database>, dialect: StoreDialect): SubscriptionsRepository {
  const countForAnime = async (guildId: string, mediaId: number) => {
    const row = await db
      .selectFrom('member_subscriptions')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('guild_id', '=', guildId)
      .where('media_id', '=', mediaId)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  };

  return {
    async subscribe({ guildId, mediaId, userId, now, maxPerAnime }) {
      return withGuildLock(db, dialect, guildId, now, async (trx) => {
        const tracked = await trx
          .selectFrom('tracked_anime')
          .select('media_id')
          .where('guild_id', '=', guildId)
          .where('media_id', '=', mediaId)
          .executeTakeFirst();
        if (!tracked) throw new NotTrackedError(mediaId);
        const existing = await trx
          .selectFrom('member_subscriptions')
          .select('user_id')
          .where('guild_id', '=', guildId)
          .where('media_id', '=', mediaId)
          .where('user_id', '=', userId)
          .executeTakeFirst();
        if (existing) return false;
        if (maxPerAnime !== null) {
          const count = await trx
            .selectFrom('member_subscriptions')
            .select((eb) => eb.fn.countAll<number>().as('count'))
            .where('guild_id', '=', guildId)
            .where('media_id', '=', mediaId)
            .executeTakeFirstOrThrow();
          if (Number(count.count) >= maxPerAnime) throw new SubscribersFullError(maxPerAnime);
        }
        const inserted = await trx
          .insertInto('member_subscriptions')
          .values({ guild_id: guildId, media_id: mediaId, user_id: userId, created_at: now })
          .onConflict((oc) => oc.doNothing())
          .returning('user_id')
          .executeTakeFirst();
        return inserted !== undefined;
      });
    },
    async unsubscribe(guildId, mediaId, userId) {
      const result = await db
        .deleteFrom('member_subscriptions')
        .where('guild_id', '=', guildId)
        .where('media_id', '=', mediaId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async isSubscribed(guildId, mediaId, userId) {
      const row = await db
        .selectFrom('member_subscriptions')
        .select('user_id')
        .where('guild_id', '=', guildId)
        .where('media_id', '=', mediaId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row !== undefined;
    },
    async subscribers(guildId, mediaId) {
      const rows = await db
        .selectFrom('member_subscriptions')
        .select('user_id')
        .where('guild_id', '=', guildId)
        .where('media_id', '=', mediaId)
        .orderBy('created_at')
        .orderBy('user_id')
        .execute();
      return rows.map((row) => row.user_id);
    },
    async subscribersOf(keys) {
      const wanted = new Set(keys.map((key) => `${key.guildId}:${key.mediaId}`));
      const mediaIds = [...new Set(keys.map((key) => key.mediaId))];
      const found = new Map<string, string[]>();
      for (const part of chunk([...new Set(keys.map((key) => key.guildId))], 500)) {
        const rows = await db
          .selectFrom('member_subscriptions')
          .select(['guild_id', 'media_id', 'user_id'])
          .where('guild_id', 'in', part)
          .where('media_id', 'in', mediaIds)
          .orderBy('created_at')
          .orderBy('user_id')
          .execute();
        for (const row of rows) {
          const key = `${row.guild_id}:${row.media_id}`;
          if (!wanted.has(key)) continue;
          const users = found.get(key);
          if (users) users.push(row.user_id);
          else found.set(key, [row.user_id]);
        }
      }
      return found;
    },
    async mediaForMember(guildId, userId) {
      const rows = await db
        .selectFrom('member_subscriptions')
        .select('media_id')
        .where('user_id', '=', userId)
        .where('guild_id', '=', guildId)
        .orderBy('media_id')
        .execute();
      return rows.map((row) => row.media_id);
    },
    countForAnime,
    async forMember(userId) {
      const rows = await db.selectFrom('member_subscriptions').selectAll().where('user_id', '=', userId).orderBy('guild_id').orderBy('media_id').execute();
      return rows.map((row) => ({ guildId: row.guild_id, mediaId: row.media_id, createdAt: row.created_at }));
    },
    async mostSubscribed(limit) {
      const rows = await db
        .selectFrom('member_subscriptions')
        .select(['media_id', sql<number>`count(*)`.as('count')])
        .groupBy('media_id')
        .orderBy('count', 'desc')
        .orderBy('media_id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({ mediaId: row.media_id, count: Number(row.count) }));
    },
    async deleteForMember(userId, guildId) {
      let query = db.deleteFrom('member_subscriptions').where('user_id', '=', userId);
      if (guildId !== undefined) query = query.where('guild_id', '=', guildId);
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
