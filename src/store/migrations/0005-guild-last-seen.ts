// In HTTP interactions mode Discord never tells us the bot was removed from a server. A webhook
// that is gone and no command used since is the sign; this records when a server last used one.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('guilds').addColumn('last_seen_at', 'bigint').execute();
}
