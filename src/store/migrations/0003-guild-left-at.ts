// When the bot is removed from a server, its data is kept for a grace period (the server may
// add the bot back) and then deleted by the retention job. This records when it left.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('guilds').addColumn('left_at', 'bigint').execute();
}
