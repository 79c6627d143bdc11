// A throwaway SQLite store for benchmarks: opened here, or filled first by another process
// (seed-servers.ts) so that seeding costs nothing in the measured process.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DatabaseHandle } from '../src/store/database.ts';
import { createKyselyRepositories } from '../src/store/kysely/index.ts';
import { migrateToLatest } from '../src/store/migrate.ts';
import type { Repositories } from '../src/store/repositories.ts';
import { createSecretBox } from '../src/store/secrets.ts';

export interface TempStoreFile {
  url: string;
  /** The sealing key, base64: another process opening the file needs it too. */
  key: string;
  remove(): void;
}

export function tempStoreFile(): TempStoreFile {
  const dir = mkdtempSync(join(tmpdir(), 'anitrack-bench-'));
  return { url: `sqlite:${join(dir, 'bench.db')}`, key: randomBytes(32).toString('base64'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function openBenchStore(file: Pick<TempStoreFile, 'url' | 'key'>): Promise<{ database: DatabaseHandle; repositories: Repositories }> {
  const database = openDatabase(file.url);
  await migrateToLatest(database);
  return { database, repositories: createKyselyRepositories(database, createSecretBox(Buffer.from(file.key, 'base64'))) };
}

export async function withTempStore<T>(work: (repositories: Repositories, file: TempStoreFile) => Promise<T>): Promise<T> {
  const file = tempStoreFile();
  const { database, repositories } = await openBenchStore(file);
  try {
    return await work(repositories, file);
  } finally {
    await database.close();
    file.remove();
  }
}
