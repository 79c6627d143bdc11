// The Kysely backend of the repositories, for SQLite and PostgreSQL alike.
import type { DatabaseHandle } from '../database.ts';
import type { Repositories } from '../repositories.ts';
import type { SecretBox } from '../secrets.ts';
import { createAiringsRepository } from './airings.repo.ts';
import { createAuditLogRepository } from './audit-log.repo.ts';
import { createCatalogueRepository } from './catalogue.repo.ts';
import { createCommandLocksRepository } from './command-locks.repo.ts';
import { createDeliveriesRepository } from './deliveries.repo.ts';
import { createGuildsRepository } from './guilds.repo.ts';
import { createMediaRepository } from './media.repo.ts';
import { createPatreonRepositories } from './patreon.repo.ts';
import { createSessionsRepository } from './sessions.repo.ts';
import { createSubscriptionsRepository } from './subscriptions.repo.ts';
import { createTrackedAnimeRepository } from './tracked-anime.repo.ts';
import { createWorkerHeartbeatsRepository } from './worker-heartbeats.repo.ts';

export function createKyselyRepositories(handle: DatabaseHandle, secrets: SecretBox): Repositories {
  const { db, dialect } = handle;
  return {
    guilds: createGuildsRepository(db, secrets),
    trackedAnime: createTrackedAnimeRepository(db, dialect),
    subscriptions: createSubscriptionsRepository(db, dialect),
    commandLocks: createCommandLocksRepository(db),
    media: createMediaRepository(db),
    airings: createAiringsRepository(db),
    deliveries: createDeliveriesRepository(db, dialect),
    workerHeartbeats: createWorkerHeartbeatsRepository(db),
    catalogue: createCatalogueRepository(db),
    sessions: createSessionsRepository(db, secrets),
    auditLog: createAuditLogRepository(db),
    patreon: createPatreonRepositories(db, secrets),
  };
}
