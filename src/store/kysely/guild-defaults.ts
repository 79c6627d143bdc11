import type { Insertable, Kysely } from 'kysely';
import type { Database, GuildsTable } from '../schema.ts';

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

/** Creates the server's row with default settings unless it exists. */
export async function insertGuildIfMissing(db: Kysely<Database>, guildId: string, now: number): Promise<void> {
  await db
    .insertInto('guilds')
    .values(guildDefaults(guildId, now))
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}
