import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import type { StoreDialect } from '../database.ts';
import { AlreadyTrackedError, ListFullError, NicknameTakenError, NotTrackedError } from '../errors.ts';
import type { FollowerGroup, TierTiming, TrackedAnime, TrackedAnimeRepository } from '../repositories.ts';
import type { Database, TrackedAnimeTable } from '../schema.ts';
import { chunk } from './chunk.ts';
import { compiledOnce } from './compiled-once.ts';
import { joinedServerIds, joinedText, splitJoined } from './joined-text.ts';
import { applyListLimit, guildsOverOrPaused } from './list-limit.ts';
import { spreadFacts } from './list-spread.ts';
import { withGuildLock } from './guild-lock.ts';
import { knownTier } from './guilds.repo.ts';
import { isUniqueViolation } from './unique-violation.ts';

/** Two nicknames are the same when they differ only in case or surrounding spaces. */
export function nicknameKey(nickname: string): string {
  return nickname.trim().normalize('NFKC').toLocaleLowerCase('en');
}

// The insert of every /anime add, compiled once.
const insertTracked = compiledOnce(
  ['guild_id', 'media_id', 'nickname', 'nickname_key', 'added_by', 'added_at', 'finished_at', 'paused_at', 'limit_paused_at'],
  (db, row) =>
    db
      .insertInto('tracked_anime')
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .returningAll(),
);

// The checks before that insert: the list's length, and the anime or nickname already on it.
const countListed = compiledOnce(['guild_id'], (db, values) =>
  db
    .selectFrom('tracked_anime')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('guild_id', '=', values.guild_id)
    .where('finished_at', 'is', null),
);
const nicknameOfMedia = compiledOnce(['guild_id', 'media_id'], (db, values) =>
  db.selectFrom('tracked_anime').select('nickname').where('guild_id', '=', values.guild_id).where('media_id', '=', values.media_id),
);
const nicknameTaken = compiledOnce(['guild_id', 'nickname_key'], (db, values) =>
  db.selectFrom('tracked_anime').select('nickname').where('guild_id', '=', values.guild_id).where('nickname_key', '=', values.nickname_key),
);

// Asked by every /anime add.
const selectTrackedElsewhere = compiledOnce(['media_id', 'guild_id'], (db, values) =>
  db
    .selectFrom('tracked_anime')
    .select('guild_id')
    .where('media_id', '=', values.media_id)
    .where('guild_id', '!=', values.guild_id)
    .where('finished_at', 'is', null)
    .limit(1),
);

export function createTrackedAnimeRepository(db: Kysely<Database>, dialect: StoreDialect): TrackedAnimeRepository {
  const get = async (guildId: string, mediaId: number) => {
    const row = await db.selectFrom('tracked_anime').selectAll().where('guild_id', '=', guildId).where('media_id', '=', mediaId).executeTakeFirst();
    return row && toTracked(row);
  };
  const findByNickname = async (guildId: string, nickname: string) => {
    const row = await db
      .selectFrom('tracked_anime')
      .selectAll()
      .where('guild_id', '=', guildId)
      .where('nickname_key', '=', nicknameKey(nickname))
      .executeTakeFirst();
    return row && toTracked(row);
  };

  return {
    async getMany(keys) {
      const wanted = new Set(keys.map((key) => `${key.guildId}:${key.mediaId}`));
      const mediaIds = [...new Set(keys.map((key) => key.mediaId))];
      const found: TrackedAnime[] = [];
      // By server, then the pairs asked for: a claim holds few anime and many servers.
      for (const part of chunk([...new Set(keys.map((key) => key.guildId))], 500)) {
        const rows = await db.selectFrom('tracked_anime').selectAll().where('guild_id', 'in', part).where('media_id', 'in', mediaIds).execute();
        for (const row of rows) if (wanted.has(`${row.guild_id}:${row.media_id}`)) found.push(toTracked(row));
      }
      return found;
    },
    async add(input) {
      const nickname = input.nickname.trim();
      const row: Selectable<TrackedAnimeTable> = {
        guild_id: input.guildId,
        media_id: input.mediaId,
        nickname,
        nickname_key: nicknameKey(nickname),
        added_by: input.addedBy,
        added_at: input.now,
        finished_at: null,
        paused_at: null,
        limit_paused_at: null,
      };
      const inserted = await withGuildLock(db, dialect, input.guildId, input.now, async (trx) => {
        const [count] = (await countListed(db, { guild_id: input.guildId }, trx)).rows;
        // Conflicts are checked before the limit so a duplicate on a full list says "duplicate".
        const [byMedia] = (await nicknameOfMedia(db, { guild_id: input.guildId, media_id: input.mediaId }, trx)).rows;
        if (byMedia) throw new AlreadyTrackedError(input.mediaId, byMedia.nickname);
        const [byNickname] = (await nicknameTaken(db, { guild_id: input.guildId, nickname_key: row.nickname_key }, trx)).rows;
        if (byNickname) throw new NicknameTakenError(byNickname.nickname);
        if (input.maxPerGuild !== null && Number(count?.count ?? 0) >= input.maxPerGuild) throw new ListFullError(input.maxPerGuild);
        return (await insertTracked(db, row, trx)).rows[0];
      });
      if (inserted) return toTracked(inserted);
      // Only reachable when another process won a race the lock could not see (SQLite files
      // shared by two processes): report it the same way as the checks above.
      const existing = await get(input.guildId, input.mediaId);
      if (existing) throw new AlreadyTrackedError(input.mediaId, existing.nickname);
      throw new NicknameTakenError(nickname);
    },
    async remove(guildId, mediaId) {
      const result = await db.deleteFrom('tracked_anime').where('guild_id', '=', guildId).where('media_id', '=', mediaId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async setPaused(guildId, mediaId, paused, now) {
      const row = await db
        .updateTable('tracked_anime')
        .set((eb) => ({ paused_at: paused ? eb.fn.coalesce('paused_at', eb.val(now)) : null }))
        .where('guild_id', '=', guildId)
        .where('media_id', '=', mediaId)
        .returningAll()
        .executeTakeFirst();
      return row && toTracked(row);
    },
    async rename(guildId, mediaId, nickname) {
      const trimmed = nickname.trim();
      try {
        const row = await db
          .updateTable('tracked_anime')
          .set({ nickname: trimmed, nickname_key: nicknameKey(trimmed) })
          .where('guild_id', '=', guildId)
          .where('media_id', '=', mediaId)
          .returningAll()
          .executeTakeFirst();
        if (!row) throw new NotTrackedError(mediaId);
        return toTracked(row);
      } catch (error) {
        if (isUniqueViolation(error)) throw new NicknameTakenError(trimmed);
        throw error;
      }
    },
    get,
    findByNickname,
    async listForGuild(guildId) {
      const rows = await db.selectFrom('tracked_anime').selectAll().where('guild_id', '=', guildId).orderBy('nickname_key').execute();
      return rows.map(toTracked);
    },
    async countForGuild(guildId) {
      const row = await db
        .selectFrom('tracked_anime')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('guild_id', '=', guildId)
        .where('finished_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
    applyListLimit: (guildId, maxAnime, now) => applyListLimit(db, dialect, guildId, maxAnime, now),
    spreadFacts: (minSubscribers) => spreadFacts(db, minSubscribers),
    guildsOverOrPaused: (count) => guildsOverOrPaused(db, count),
    async trackedMediaIds() {
      const rows = await db.selectFrom('tracked_anime').select('media_id').distinct().where('finished_at', 'is', null).orderBy('media_id').execute();
      return rows.map((row) => row.media_id);
    },
    async guildsTracking(mediaId) {
      const rows = await db
        .selectFrom('tracked_anime')
        .select('guild_id')
        .where('media_id', '=', mediaId)
        .where('finished_at', 'is', null)
        .orderBy('guild_id')
        .execute();
      return rows.map((row) => row.guild_id);
    },
    async trackedElsewhere(mediaId, guildId) {
      const { rows } = await selectTrackedElsewhere(db, { media_id: mediaId, guild_id: guildId });
      return rows.length > 0;
    },
    async followers(mediaIds, guildIds) {
      // Two grouped reads joined here rather than in SQL: looking up the server of each of
      // 100,000 tracked rows cost more than the rest of planning together.
      const timings: TierTiming[] = [];
      const timingOf = new Map<string, number>();
      const notifiable = await db
        .selectFrom('guilds')
        .select((eb) => [
          'post_air_delay_minutes',
          'reminder_offset_minutes',
          grantedTier(eb).as('granted_tier'),
          'patreon_tier',
          joinedText(dialect, eb.ref('id')).as('guild_ids'),
        ])
        // canNotify (delivery/can-notify.ts), in SQL: a channel with our webhook that works, and the bot still there.
        .where('notify_channel_id', 'is not', null)
        .where('webhook_token', 'is not', null)
        .where('channel_broken_at', 'is', null)
        .where('left_at', 'is', null)
        .$if(guildIds !== undefined, (query) => query.where('id', 'in', guildIds!))
        // The tier's inputs too: a delay applies only on a tier with custom timing (the planner decides).
        .groupBy((eb) => ['post_air_delay_minutes', 'reminder_offset_minutes', grantedTier(eb), 'patreon_tier'])
        .execute();
      for (const row of notifiable) {
        const index =
          timings.push({
            postAirDelayMinutes: row.post_air_delay_minutes,
            reminderOffsetMinutes: row.reminder_offset_minutes,
            premiumTier: knownTier(row.granted_tier),
            patreonTier: knownTier(row.patreon_tier),
          }) - 1;
        for (const guildId of splitJoined(row.guild_ids)) timingOf.set(guildId, index);
      }
      const found: FollowerGroup[] = [];
      for (const part of chunk(mediaIds, 500)) {
        const rows = await db
          .selectFrom('tracked_anime')
          // In the order planning compares them with the stored deliveries' servers.
          .select((eb) => ['media_id', joinedServerIds(dialect, eb.ref('guild_id')).as('guild_ids')])
          .where('media_id', 'in', part)
          .where('finished_at', 'is', null)
          // A paused anime (by the server, or by its tier's limit) plans nothing; its pending
          // notifications are then wanted by nobody.
          .where('paused_at', 'is', null)
          .where('limit_paused_at', 'is', null)
          .$if(guildIds !== undefined, (query) => query.where('guild_id', 'in', guildIds!))
          .groupBy('media_id')
          .execute();
        for (const row of rows) {
          const byTiming = timings.map((timing): FollowerGroup => ({ mediaId: row.media_id, timing, guildIds: [] }));
          for (const guildId of splitJoined(row.guild_ids)) {
            const index = timingOf.get(guildId);
            if (index !== undefined) byTiming[index]!.guildIds.push(guildId);
          }
          found.push(...byTiming.filter((group) => group.guildIds.length > 0));
        }
      }
      return found;
    },
    async mostTracked(limit) {
      const rows = await db
        .selectFrom('tracked_anime')
        .select(['media_id', sql<number>`count(*)`.as('count')])
        .where('finished_at', 'is', null)
        .groupBy('media_id')
        .orderBy('count', 'desc')
        .orderBy('media_id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({ mediaId: row.media_id, count: Number(row.count) }));
    },
    async markFinished(mediaIds, now) {
      let changed = 0;
      for (const part of chunk(mediaIds, 500)) {
        const result = await db
          .updateTable('tracked_anime')
          .set({ finished_at: now })
          .where('media_id', 'in', part)
          .where('finished_at', 'is', null)
          .executeTakeFirst();
        changed += Number(result.numUpdatedRows);
      }
      return changed;
    },
    async forgetAdder(userId, guildId) {
      let query = db.updateTable('tracked_anime').set({ added_by: '0' }).where('added_by', '=', userId);
      if (guildId !== undefined) query = query.where('guild_id', '=', guildId);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async addedBy(userId) {
      const rows = await db.selectFrom('tracked_anime').selectAll().where('added_by', '=', userId).orderBy('guild_id').orderBy('media_id').execute();
      return rows.map(toTracked);
    },
    async dismissFinished(guildId) {
      const rows = await db.deleteFrom('tracked_anime').where('guild_id', '=', guildId).where('finished_at', 'is not', null).returningAll().execute();
      return rows.map(toTracked).sort((a, b) => a.nickname.localeCompare(b.nickname));
    },
  };
}

function toTracked(row: Selectable<TrackedAnimeTable>): TrackedAnime {
  return {
    guildId: row.guild_id,
    mediaId: row.media_id,
    nickname: row.nickname,
    addedBy: row.added_by,
    addedAt: row.added_at,
    finishedAt: row.finished_at,
    pausedAt: row.paused_at,
    limitPausedAt: row.limit_paused_at,
  };
}

// The granted tier, or null without a grant (premium_tier means something only while premium_since is set).
function grantedTier(eb: ExpressionBuilder<Database, 'guilds'>) {
  return eb.case().when('premium_since', 'is', null).then(sql.lit<string | null>(null)).else(eb.ref('premium_tier')).end();
}
