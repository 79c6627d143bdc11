// Delivery workers sign of life. A worker that stops beating (killed, its machine gone) leaves
// leases behind; the others release them as soon as its heartbeat is stale instead of waiting
// for each lease to run out.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('worker_heartbeats')
    .addColumn('owner', 'text', (col) => col.primaryKey())
    .addColumn('started_at', 'bigint', (col) => col.notNull())
    .addColumn('seen_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('deliveries_lease_owner_idx').on('deliveries').column('lease_owner').execute();
}
