// Opens the database, brings its schema up to date and builds the repositories: the same
// steps for `anitrack start`, `migrate` and `rotate-key`.
import type { Logger } from '../logger.ts';
import { openDatabase, type DatabaseHandle } from './database.ts';
import { resolveEncryptionKeys, type EncryptionKeySettings } from './encryption-keys.ts';
import { createKyselyRepositories } from './kysely/index.ts';
import { migrateToLatest } from './migrate.ts';
import { createInProcessLocks, createPostgresLocks, type ProcessLocks } from './process-locks.ts';
import type { Repositories } from './repositories.ts';
import { createSecretBox, type SecretBox } from './secrets.ts';

export interface Store {
  database: DatabaseHandle;
  repositories: Repositories;
  secrets: SecretBox;
  /** Locks between the processes sharing this database. */
  locks: ProcessLocks;
}

export interface StoreSettings extends EncryptionKeySettings {
  DATABASE_URL: string;
}

export async function openStore(config: StoreSettings, logger: Logger): Promise<Store> {
  const keys = resolveEncryptionKeys(config, logger);
  const secrets = createSecretBox(keys.current, keys.old);
  const database = openDatabase(config.DATABASE_URL, {
    onCheckpointProblem: ({ file, reason }) =>
      logger.warn({ file, reason }, 'SQLite checkpoints moved back onto the main thread; answers may pause under load'),
  });
  try {
    const { applied } = await migrateToLatest(database);
    logger.info({ database: database.description, applied }, applied.length > 0 ? 'Database migrated' : 'Database schema is up to date');
  } catch (error) {
    await database.close();
    throw error;
  }
  const locks = database.dialect === 'postgres' ? createPostgresLocks(config.DATABASE_URL, database.db) : createInProcessLocks();
  return { database, repositories: createKyselyRepositories(database, secrets), secrets, locks };
}
