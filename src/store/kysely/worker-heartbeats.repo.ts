import type { Kysely } from 'kysely';
import type { WorkerHeartbeatsRepository } from '../repositories.ts';
import type { Database } from '../schema.ts';

export function createWorkerHeartbeatsRepository(db: Kysely<Database>): WorkerHeartbeatsRepository {
  return {
    async beat(owner, now) {
      await db
        .insertInto('worker_heartbeats')
        .values({ owner, started_at: now, seen_at: now })
        .onConflict((oc) => oc.column('owner').doUpdateSet({ seen_at: now }))
        .execute();
    },
    async forget(owner) {
      await db.deleteFrom('worker_heartbeats').where('owner', '=', owner).execute();
    },
    async forgetSilent(seenSince) {
      const result = await db.deleteFrom('worker_heartbeats').where('seen_at', '<', seenSince).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
