// A notification with many subscribers goes out as several messages. Recording how many went
// out lets a retry (or another worker after a crash) continue where the last one stopped
// instead of pinging the first members twice.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('deliveries')
    .addColumn('parts_sent', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
}
