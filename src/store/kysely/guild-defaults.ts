import type { Insertable, Kysely } from 'kysely';
import type { Database, GuildsTable } from '../schema.ts';
import { compiledOnce } from './compiled-once.ts';

export function guildDefaults(guildId: string, now: number): Insertable<GuildsTable> {
  return {
    id: guildId,
    notify_channel_id: null,
    webhook_id: null,
    webhook_token: null,
    title_language: 'romaji',
    reminder_offset_minutes: null,
    post_air_delay_minutes: 0,
    channel_broken_at: null,
    premium_tier: 'free',
    premium_since: null,
    left_at: null,
    last_seen_at: null,
    created_at: now,
    updated_at: now,
  };
}

// Run before every change to a server's list (each /anime add), so compiled once.
const insertIfMissing = compiledOnce(['id', 'now'], (db, values) =>
  db
    .insertInto('guilds')
    .values(guildDefaults(values.id, values.now))
    .onConflict((oc) => oc.column('id').doNothing()),
);

/**
 * Creates the server's row with default settings unless it exists.
 * @param executor a transaction of `db` to run in, if any
 */
export async function insertGuildIfMissing(db: Kysely<Database>, guildId: string, now: number, executor: Kysely<Database> = db): Promise<void> {
  await insertIfMissing(db, { id: guildId, now }, executor);
}
