// A throwaway SQLite store for benchmarks.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/store/database.ts';
import { createKyselyRepositories } from '../src/store/kysely/index.ts';
import { migrateToLatest } from '../src/store/migrate.ts';
import type { Repositories } from '../src/store/repositories.ts';
import { createSecretBox } from '../src/store/secrets.ts';

export async function withTempStore<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'anitrack-bench-'));
  const database = openDatabase(`sqlite:${join(dir, 'bench.db')}`);
  try {
    await migrateToLatest(database);
    return await work(createKyselyRepositories(database, createSecretBox(randomBytes(32))));
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
