// Premium tiers become grants an operator makes (`anitrack premium set`), with the time each was
// made. A server without a grant is on the installation's DEFAULT_TIER, which premium_tier alone
// could not express: its "free" default looked the same as a server deliberately set to free.
// Servers already on a paid tier keep it as a grant, dated by their row's last change (the
// nearest time there is); premium_tier stays "free" for servers without a grant.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('guilds').addColumn('premium_since', 'bigint').execute();
  await sql`update guilds set premium_since = updated_at where premium_tier <> 'free'`.execute(db);
}
