// The owner action (/debug disable_owned_channels) used to ask Discord who owns every server with
// a channel, on every press. The owner is stored instead, with when it was last learned, so a
// check older than a day (or never made) is the only reason to ask again. The owner id names a
// member: the privacy data registry lists it.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('guilds').addColumn('owner_id', 'text').execute();
  await db.schema.alterTable('guilds').addColumn('owner_checked_at', 'bigint').execute();
}
