// One ordered list of migrations for both databases, run at start and by `anitrack migrate`.
import { Migrator, type Kysely, type Migration } from 'kysely';
import type { DatabaseHandle, StoreDialect } from './database.ts';
import * as initial from './migrations/0001-initial.ts';
import * as finishedAnime from './migrations/0002-finished-anime.ts';
import * as guildLeftAt from './migrations/0003-guild-left-at.ts';
import * as deliveryParts from './migrations/0004-delivery-parts.ts';
import * as guildLastSeen from './migrations/0005-guild-last-seen.ts';
import * as guildOwner from './migrations/0006-guild-owner.ts';
import * as workerHeartbeats from './migrations/0007-worker-heartbeats.ts';
import * as premiumSince from './migrations/0008-premium-since.ts';
import * as catalogue from './migrations/0009-catalogue.ts';
import * as planningIndexes from './migrations/0010-planning-indexes.ts';
import * as sessions from './migrations/0011-sessions.ts';
import * as auditLog from './migrations/0012-audit-log.ts';
import * as pausedAnime from './migrations/0013-paused-anime.ts';
import * as tierLimits from './migrations/0014-tier-limits.ts';
import * as patreon from './migrations/0015-patreon.ts';
import * as nextAiringIndex from './migrations/0016-next-airing-index.ts';

type DialectMigration = { up(db: Kysely<unknown>, dialect: StoreDialect): Promise<void> };

// Names sort in the order they run; never rename or edit one that has shipped.
const migrations: Record<string, DialectMigration> = {
  '0001-initial': initial,
  '0002-finished-anime': finishedAnime,
  '0003-guild-left-at': guildLeftAt,
  '0004-delivery-parts': deliveryParts,
  '0005-guild-last-seen': guildLastSeen,
  '0006-guild-owner': guildOwner,
  '0007-worker-heartbeats': workerHeartbeats,
  '0008-premium-since': premiumSince,
  '0009-catalogue': catalogue,
  '0010-planning-indexes': planningIndexes,
  '0011-sessions': sessions,
  '0012-audit-log': auditLog,
  '0013-paused-anime': pausedAnime,
  '0014-tier-limits': tierLimits,
  '0015-patreon': patreon,
  '0016-next-airing-index': nextAiringIndex,
};

export interface MigrationReport {
  applied: string[];
}

export async function migrateToLatest(handle: DatabaseHandle): Promise<MigrationReport> {
  const provider = {
    async getMigrations(): Promise<Record<string, Migration>> {
      return Object.fromEntries(
        Object.entries(migrations).map(([name, migration]) => [name, { up: (db: Kysely<unknown>) => migration.up(db, handle.dialect) }]),
      );
    },
  };
  const migrator = new Migrator({ db: handle.db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    throw new Error(`Database migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return { applied: (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName) };
}

export function migrationNames(): string[] {
  return Object.keys(migrations);
}
