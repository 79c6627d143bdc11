// A server's list fitted to its tier without losing anything (lapse without loss): the anime
// added first stay active, the newest past the limit are paused by it, and a slot that frees up
// (a higher tier, an anime removed) resumes the next one in the list's order.
import type { Kysely } from 'kysely';
import type { StoreDialect } from '../database.ts';
import type { ListLimitChange } from '../repositories.ts';
import type { Database } from '../schema.ts';
import { chunk } from './chunk.ts';
import { withGuildLock } from './guild-lock.ts';

export async function applyListLimit(
  db: Kysely<Database>,
  dialect: StoreDialect,
  guildId: string,
  maxAnime: number | null,
  now: number,
): Promise<ListLimitChange> {
  // Under the server's lock, so an /anime add cannot slip in between the read and the writes.
  return withGuildLock(db, dialect, guildId, now, async (trx) => {
    const rows = await trx
      .selectFrom('tracked_anime')
      .select(['media_id', 'limit_paused_at'])
      .where('guild_id', '=', guildId)
      .where('finished_at', 'is', null)
      .orderBy('added_at')
      .orderBy('media_id')
      .execute();
    const limit = maxAnime ?? rows.length;
    const paused = rows
      .slice(limit)
      .filter((row) => row.limit_paused_at === null)
      .map((row) => row.media_id);
    const resumed = rows
      .slice(0, limit)
      .filter((row) => row.limit_paused_at !== null)
      .map((row) => row.media_id);
    for (const part of chunk(paused, 500)) {
      await trx.updateTable('tracked_anime').set({ limit_paused_at: now }).where('guild_id', '=', guildId).where('media_id', 'in', part).execute();
    }
    for (const part of chunk(resumed, 500)) {
      await trx.updateTable('tracked_anime').set({ limit_paused_at: null }).where('guild_id', '=', guildId).where('media_id', 'in', part).execute();
    }
    return { paused, resumed };
  });
}

export async function guildsOverOrPaused(db: Kysely<Database>, count: number): Promise<string[]> {
  const over = db
    .selectFrom('tracked_anime')
    .select('guild_id')
    .where('finished_at', 'is', null)
    .groupBy('guild_id')
    .having((eb) => eb.fn.countAll(), '>', count);
  const paused = db.selectFrom('tracked_anime').select('guild_id').where('limit_paused_at', 'is not', null);
  const rows = await over.union(paused).execute();
  return rows.map((row) => row.guild_id).sort();
}
